using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HaKube.Installer.Lab.Plot;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>`hakube lab up | status | failover | restore | down | demo` (and the hidden `supervise`).</summary>
internal static class LabCommandLine
{
    public static Command Create()
    {
        var reference = new Option<bool>("--reference") { Description = "Keepalived + HAProxy from Debian with the reference guide's files instead of vrrpd + tcplb" };
        var labDir = new Option<string>("--lab-dir") { Description = "the lab's directory (state.json, supervisor.pid, log, control socket, pki)", DefaultValueFactory = _ => LabDirectory.Default };
        var binDir = new Option<string?>("--bin-dir") { Description = "where the vrrpd and tcplb binaries are (default: next to hakube)" };
        var json = new Option<bool>("--json") { Description = "print JSON instead of tables" };
        var advertInt = new Option<decimal>("--advert-int")
        {
            Description = "VRRP advertisement interval of both load balancers, in seconds (0.01 to 40.95); below 1 s (or not whole) both stacks run VRRPv3",
            DefaultValueFactory = _ => 1m,
        };
        var fault = new Option<string>("--fault")
        {
            Description = "what to break: balancer (SIGKILL on the VIP holder), vrrp-kill (its VRRP daemon, SIGKILL), vrrp-term (SIGTERM), "
                + "apiserver (master1's stand-in, SIGKILL; the VIP should stay), node (the VIP holder cut off the network)",
            DefaultValueFactory = _ => LabFaults.Name(LabFault.Balancer),
        };
        fault.AcceptOnlyFromAmong([.. LabFaults.Names.Select(n => n.Name)]);

        var lab = new Command("lab", "The reference guide's HA front door on this machine, in network namespaces (needs root)");

        var up = new Command("up", "Build the lab (lb1, lb2, master1..3, client; VIP 198.18.0.10) and leave it running under a supervisor") { reference, labDir, binDir, json, advertInt };
        up.SetAction((r, ct) => RunAsync(r, async (cli, view, ct) =>
        {
            var timers = VrrpTimers.Create(r.GetValue(advertInt));
            var state = await cli.UpAsync(r.GetValue(reference) ? LabMode.Reference : LabMode.HaKube, r.GetValue(binDir), timers, ct);
            await PrintAsync(r.GetValue(json), await cli.StatusAsync(ct), LabJsonContext.Default.LabStatus, view.Status);
            return state.Phase == LabPhase.Ready ? 0 : 1;
        }, labDir, ct));

        var status = new Command("status", "Show the lab's hosts, addresses, MACs, PIDs and who holds the VIP now") { labDir, json };
        status.SetAction((r, ct) => RunAsync(r, async (cli, view, ct) =>
        {
            var s = await cli.StatusAsync(ct);
            await PrintAsync(r.GetValue(json), s, LabJsonContext.Default.LabStatus, view.Status);
            return s.SupervisorAlive ? 0 : 1;
        }, labDir, ct));

        var failover = new Command("failover", "Kill the balancer on the VIP holder (or --fault) while the client probes through the VIP every 10 ms; report what clients saw") { labDir, json, fault };
        failover.SetAction((r, ct) => RunAsync(r, async (cli, view, ct) =>
        {
            var report = await cli.FailoverAsync(LabFaults.Parse(r.GetValue(fault)!) ?? LabFault.Balancer, ct);
            await PrintAsync(r.GetValue(json), report, LabJsonContext.Default.FailoverReport, view.Failover);
            return report.Recovered ? 0 : 1;
        }, labDir, ct));

        var restore = new Command("restore", "Undo the failover's fault (start again what it killed, release a VIP a dead VRRP daemon left, plug a cut node back in) and wait until the VIP is stable") { labDir, json };
        restore.SetAction((r, ct) => RunAsync(r, async (cli, view, ct) =>
        {
            await PrintAsync(r.GetValue(json), await cli.RestoreAsync(ct), LabJsonContext.Default.RestoreReport, view.Restore);
            return 0;
        }, labDir, ct));

        var down = new Command("down", "End the lab and remove everything it created (sweeps what a dead supervisor left)") { labDir };
        down.SetAction((r, ct) => RunAsync(r, async (cli, view, _) =>
        {
            view.Line(await cli.DownAsync(CancellationToken.None));
            return 0;
        }, labDir, ct));

        var plot = new Option<string?>("--plot") { Description = "also draw the failover timeline (probes, VIP holder, kill and takeover) of each run on one chart, as a PNG at this path" };
        var demo = new Command("demo", "up, status, failover, restore, down, and a timeline; with --reference, then the same with Keepalived + HAProxy, side by side") { reference, labDir, binDir, json, plot };
        demo.SetAction((r, ct) => RunAsync(r, async (_, view, ct) =>
        {
            var quiet = r.GetValue(json);
            var result = await new LabDemo(new LabDirectory(r.GetValue(labDir)!), quiet ? TextWriter.Null : Console.Out, quiet ? LabView.For(TextWriter.Null) : view)
                .RunAsync(r.GetValue(reference), r.GetValue(binDir), ct);
            await PrintAsync(quiet, result, LabJsonContext.Default.DemoResult, view.Demo);
            var plotted = r.GetValue(plot) is not { } png || await PlotAsync(result, png);
            return plotted && result.Runs.All(run => run.Error is null && run.Failover is { Recovered: true }) ? 0 : 1;
        }, labDir, ct));

        var supervise = new Command("supervise", "(internal) run a lab in the foreground; `lab up` starts this in the background") { reference, labDir, binDir, advertInt };
        supervise.Hidden = true;
        supervise.SetAction(async (r, _) =>
        {
            var binaries = LabBinaries.Find(r.GetValue(binDir));
            using var supervisor = new LabSupervisor(new LabDirectory(r.GetValue(labDir)!), r.GetValue(reference) ? LabMode.Reference : LabMode.HaKube,
                VrrpTimers.Create(r.GetValue(advertInt)), binaries);
            return await supervisor.RunAsync();
        });

        foreach (var c in new[] { up, status, failover, restore, down, demo, supervise })
        {
            lab.Subcommands.Add(c);
        }

        return lab;
    }

    /// <summary>Draws the demo's failovers to <paramref name="path"/>; false (with a message) when there is none to draw.</summary>
    private static async Task<bool> PlotAsync(DemoResult result, string path)
    {
        var reports = FailoverChart.Drawable(result.Runs);
        if (reports.Count == 0)
        {
            await Console.Error.WriteLineAsync($"hakube lab: no failover was recorded, so {path} was not drawn");
            return false;
        }

        FailoverChart.SavePng(reports, path);
        await Console.Error.WriteLineAsync($"failover timeline of {reports.Count} run(s) drawn to {path}");
        return true;
    }

    private static async Task PrintAsync<T>(bool json, T value, JsonTypeInfo<T> type, Action<T> render)
    {
        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(value, type));
        }
        else
        {
            render(value);
        }
    }

    /// <summary>Runs one command with Ctrl-C (SIGINT, SIGTERM) turned into cancellation, and expected failures printed as one message.</summary>
    private static async Task<int> RunAsync(ParseResult r, Func<LabCli, LabView, CancellationToken, Task<int>> action, Option<string> labDir, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cts.Cancel(); });
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
        var view = LabView.For(Console.Out);
        try
        {
            return await action(new LabCli(new LabDirectory(r.GetValue(labDir)!), Console.Out), view, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted");
            return 130;
        }
        catch (Exception e) when (e is LabCommandException or LabException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"hakube lab: {e.Message}");
            return 1;
        }
    }
}
