using System.Runtime.InteropServices;
using System.Text.Json;
using HaKube.Bench.DataPlane;
using HaKube.Bench.Failover;
using HaKube.Bench.Memory;

namespace HaKube.Bench.Runner;

/// <summary>
/// The "lab" command: runs the data-plane, memory and failover parts one after another (never two at once: the machine
/// has two cores), each in its own lab that is removed when the part ends, also on failure or Ctrl-C. A part that
/// fails is recorded as not measured and the next one still runs. Writes OUT/lab.json.
/// </summary>
internal static class LabRunner
{
    public static async Task<int> RunAsync(RunOptions options)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        var results = new LabResults { Quick = options.Quick, Started = DateTimeOffset.UtcNow };
        var ctx = new BenchContext(options, results, stop.Token);
        (string Name, Func<BenchContext, Task> Run)[] parts =
        [
            (DataPlaneBench.Part, DataPlaneBench.RunAsync),
            (AtRestBench.Part, AtRestBench.RunAsync),
            (FailoverBench.Part, FailoverBench.RunAsync),
        ];
        // A file tcplb or vrrpd would refuse is named here, not only seen as a daemon that exits at start.
        foreach (var (file, _, text) in Fixtures.ConfigCheck.Run().Where(f => f.IsError))
        {
            results.Skip(new NotMeasured("configs", file, "tcplb's or vrrpd's loader refuses the file the bench writes: " + text));
        }

        foreach (var (name, run) in parts)
        {
            if (!options.Runs(name))
            {
                results.Skip(new NotMeasured(name, "the whole part", "not selected with --parts") { Deliberate = true });
                continue;
            }

            if (stop.IsCancellationRequested)
            {
                results.Skip(new NotMeasured(name, "the whole part", "the run was interrupted"));
                continue;
            }

            try
            {
                await run(ctx);
            }
#pragma warning disable CA1031 // A failed part is a result ("not measured: why"); the next part still runs.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var reason = stop.IsCancellationRequested ? "the run was interrupted" : $"{e.GetType().Name}: {e.Message}";
                results.Skip(new NotMeasured(name, "the rest of the part", reason));
                ctx.Log(stop.IsCancellationRequested ? $"{name}: interrupted, lab removed" : $"{name}: failed: {e}");
            }
        }

        results.Finished = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(options.OutDirectory);
        var path = Path.Combine(options.OutDirectory, "lab.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, ResultsJson.Default.LabResults), CancellationToken.None);
        ctx.Log($"wrote {path}");
        return results.NotMeasured.Any(n => !n.Deliberate) ? 1 : 0;
    }
}
