using System.Diagnostics;
using HaKube.Common.Admin;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// `lab demo`: up, status, failover, restore and down for one lab (HaKube), or with --reference for HaKube and
/// then Keepalived + HAProxy, one after the other; prints each timeline and the two side by side.
/// </summary>
internal sealed class LabDemo(LabDirectory directory, TextWriter output, LabView view)
{
    public async Task<DemoResult> RunAsync(bool withReference, string? binDirectory, CancellationToken ct)
    {
        var runs = new List<DemoRun> { await RunOneAsync(LabMode.HaKube, binDirectory, ct) };
        if (withReference)
        {
            runs.Add(await RunOneAsync(LabMode.Reference, binDirectory, ct));
        }

        return new DemoResult(runs);
    }

    private async Task<DemoRun> RunOneAsync(LabMode mode, string? binDirectory, CancellationToken ct)
    {
        var cli = new LabCli(directory, output);
        var run = new DemoRun { Mode = mode };
        var clock = Stopwatch.StartNew();
        view.Line($"== {LabView.Mode(mode)}: lab up");
        try
        {
            await cli.UpAsync(mode, binDirectory, VrrpTimers.Default, ct);
            run = run with { UpSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1) };
            view.Status(await cli.StatusAsync(ct));
            view.Line($"== {LabView.Mode(mode)}: failover");
            var failover = await cli.FailoverAsync(LabFault.Balancer, ct);
            run = run with { Failover = failover };
            view.Summary(failover);
            view.Line($"== {LabView.Mode(mode)}: restore");
            var restore = await cli.RestoreAsync(ct);
            run = run with { Restore = restore };
            view.Restore(restore);
        }
        catch (Exception e) when (e is LabCommandException or LabException or AdminClientException or TimeoutException)
        {
            view.Line($"{LabView.Mode(mode)} failed: {e.Message}");
            run = run with { Error = e.Message.Split('\n')[0] };
        }
        finally
        {
            view.Line($"== {LabView.Mode(mode)}: lab down");
            clock.Restart();
            view.Line(await cli.DownAsync(CancellationToken.None));
            run = run with { DownSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1) };
        }

        return run;
    }
}
