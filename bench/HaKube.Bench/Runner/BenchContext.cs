using System.Diagnostics;
using System.Globalization;

namespace HaKube.Bench.Runner;

/// <summary>What every part of the lab run shares: options, results, the wall-clock budget and the stop signal.</summary>
internal sealed class BenchContext(RunOptions options, LabResults results, CancellationToken stop)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public RunOptions Options { get; } = options;

    public Profile Profile => Options.Profile;

    public LabResults Results { get; } = results;

    /// <summary>Ctrl-C or SIGTERM: parts stop, labs are disposed, what was measured is still written.</summary>
    public CancellationToken Stop { get; } = stop;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>True once the profile's budget is spent; the caller reports what it skips as not measured.</summary>
    public bool OverBudget => _clock.Elapsed > Profile.Budget;

    public string BudgetReason => string.Create(CultureInfo.InvariantCulture,
        $"the {Profile.Name} profile's budget of {Profile.Budget.TotalMinutes:0} min was spent before this measurement");

    /// <summary>Records the 1-minute load average now, against <paramref name="part"/>.</summary>
    public void SampleLoad(string part)
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ');
        Results.Load.Add(new PartNote(part, $"load average before {part}: {load[0]} (1 min), {load[1]} (5 min), {load[2]} (15 min)"));
    }

    public void Log(string text) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed:mm\\:ss}] {text}"));
}
