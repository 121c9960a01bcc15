using System.Globalization;
using Spectre.Console;

namespace HaKube.Installer.Lab;

/// <summary>Renders lab state, failover reports and demo timelines as Spectre.Console tables.</summary>
internal sealed class LabView(IAnsiConsole console)
{
    public static LabView For(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (Console.IsOutputRedirected)
        {
            // A log or a pipe: wide enough that tables keep one line per row.
            console.Profile.Width = 160;
        }

        return new LabView(console);
    }

    public void Line(string text) => console.MarkupLineInterpolated($"{text}");

    public void Status(LabStatus status)
    {
        var s = status.State!;
        var vip = status.VipHolders.Count switch
        {
            0 => "[red]nobody[/]",
            1 => $"[green]{status.VipHolders[0]}[/]",
            _ => $"[red]{string.Join(" and ", status.VipHolders)} (both!)[/]",
        };
        var timers = s.VrrpVersion > 0 ? string.Create(CultureInfo.InvariantCulture, $", VRRPv{s.VrrpVersion} advert_int {s.AdvertInt:0.##} s") : "";
        console.MarkupLine($"[bold]{Mode(s.Mode)}[/] lab [grey]{s.LabName}[/], {s.Phase.ToString().ToLowerInvariant()}, supervisor pid {s.SupervisorPid} "
            + (status.SupervisorAlive ? "[green]running[/]" : "[red]gone[/]") + $"; VIP {s.Vip}:{s.Port} on {vip}{timers}");
        var table = new Table().AddColumns("host", "role", "address", "MAC", "namespace", "processes", "VIP");
        foreach (var h in s.Hosts)
        {
            var processes = string.Join("\n", h.Processes.Select(p =>
                $"{Markup.Escape(p.Name)} {p.Pid}" + (status.DeadProcesses.Any(d => d.Contains($"(pid {p.Pid})", StringComparison.Ordinal)) ? " [red]dead[/]" : "")));
            table.AddRow(h.Name, h.Role switch { LabRole.LoadBalancer => "load balancer", LabRole.Master => "master", _ => "client" },
                h.Address + (h.LinkCut ? " [red]link cut[/]" : ""), h.Mac, $"[grey]{h.Namespace}[/]", processes.Length == 0 ? "—" : processes,
                status.VipHolders.Contains(h.Name) ? "[green]●[/]" : "");
        }

        console.Write(table);
    }

    public void Failover(FailoverReport report)
    {
        console.MarkupLineInterpolated($"[bold]{Mode(report.Mode)}[/]: failover after {Fault(report)}");
        Comparison([report]);
        Timeline(report);
    }

    /// <summary>One line: where the VIP went and what clients saw.</summary>
    public void Summary(FailoverReport r)
        => console.MarkupLineInterpolated(
            $"{Vip(r)}; TCP: {r.Tcp.Failed} failed, no service {FailoverAnalysis.Format(r.Tcp.NoServiceMs)}; TLS: {r.Tls.Failed} failed, no service {FailoverAnalysis.Format(r.Tls.NoServiceMs)}; recovered: {(r.Recovered ? "yes" : "no")}");

    /// <summary>The fault in words (reports from before faults could be chosen name the balancer kill).</summary>
    public static string Fault(FailoverReport r) => r.FaultDescription ?? $"{r.KilledProcess} (pid {r.KilledPid}) killed on {r.OldHolder}";

    private static string Vip(FailoverReport r) => r.VipExpectedToMove || r.VipMoved
        ? $"VIP {r.OldHolder} → {r.NewHolder ?? "nowhere"} at {FailoverAnalysis.Format(r.VipAddedToNewMs)}"
        : $"VIP stayed on {r.OldHolder}";

    public void Restore(RestoreReport report)
        => console.MarkupLineInterpolated(
            $"restored: {(report.Restarted.Count == 0 ? "nothing to restart" : string.Join(", ", report.Restarted))}; VIP stable on {report.Holder} after {report.TookMs:0} ms");

    public void Timeline(FailoverReport report)
    {
        var table = new Table().Title($"{Mode(report.Mode)} timeline").AddColumn(new TableColumn("ms after the fault").RightAligned()).AddColumn("event");
        foreach (var e in report.Timeline)
        {
            table.AddRow(e.Ms.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(e.What));
        }

        console.Write(table);
    }

    /// <summary>The measures of one or more failovers side by side (HaKube and Keepalived + HAProxy in `demo --reference`).</summary>
    public void Comparison(IReadOnlyList<FailoverReport?> reports, IReadOnlyList<string>? titles = null, IReadOnlyList<string?>? errors = null)
    {
        var table = new Table().AddColumn("measure");
        for (var i = 0; i < reports.Count; i++)
        {
            table.AddColumn(titles?[i] ?? (reports[i] is { } r ? Mode(r.Mode) : "?"));
        }

        void Row(string measure, Func<FailoverReport, string> value)
            => table.AddRow([measure, .. reports.Select(r => r is null ? "—" : value(r))]);

        Row("fault", r => Markup.Escape(Fault(r)));
        Row("VIP moved to", r => r.VipExpectedToMove
            ? r.NewHolder ?? "[red]nowhere[/]"
            : r.NewHolder is null ? $"nowhere: stayed on {r.OldHolder}, as it should (the fault is behind the balancers)" : $"[red]{r.NewHolder}[/] (it should have stayed on {r.OldHolder})");
        Row("VIP removed from the old holder", r => FailoverAnalysis.Format(r.VipRemovedFromOldMs));
        Row("VIP added on the new holder", r => FailoverAnalysis.Format(r.VipAddedToNewMs));
        Row("client's neighbour entry → new MAC", r => FailoverAnalysis.Format(r.NeighbourChangedMs) + (r.NewMac is null ? "" : $" ({r.NewMac})"));
        Row("VIP on both nodes at once", r => !r.BothHeldVip ? "no"
            : r.BothHeldMs < FailoverReport.TimestampResolutionMs
                ? $"not measurable ({r.BothHeldMs:0.#} ms, within the monitors' timestamp resolution)"
                : $"[yellow]yes, {r.BothHeldMs:0.#} ms{(r.VipOnBothAtEnd ? ", still on both (until `lab restore`)" : "")}[/]");
        if (reports.Any(r => r?.Fault == LabFault.Apiserver))
        {
            Row("failed probes while the apiserver was down", r => r.Fault == LabFault.Apiserver
                ? $"{r.Tcp.FailedAfterFault + r.Tls.FailedAfterFault} ({r.Tcp.FailedAfterFault} TCP, {r.Tls.FailedAfterFault} TLS) started after {r.FaultHost}'s apiserver died" : "—");
        }
        foreach (var (label, pick) in new (string, Func<FailoverReport, ProbeSummary>)[] { ("TCP connect", r => r.Tcp), ("TLS GET /readyz", r => r.Tls) })
        {
            Row($"{label}: failed probes", r => $"{pick(r).Failed} of {pick(r).Total}" + (pick(r).InFlightFailed > 0 ? $" ({pick(r).InFlightFailed} in flight at the kill)" : ""));
            Row($"{label}: no service (first failure → first success)", r => FailoverAnalysis.Format(pick(r).NoServiceMs));
            Row($"{label}: first failure / all pass from", r => $"{FailoverAnalysis.Format(pick(r).FirstFailedMs)} / {FailoverAnalysis.Format(pick(r).RecoveredMs)}");
        }

        Row("recovered", r => r.Recovered ? "[green]yes[/]" : "[red]no[/]");
        if (errors is not null && errors.Any(e => e is not null))
        {
            table.AddRow(["error", .. errors.Select(e => e is null ? "" : $"[red]{Markup.Escape(e)}[/]")]);
        }

        console.Write(table);
    }

    public void Demo(DemoResult result)
    {
        foreach (var run in result.Runs.Where(r => r.Failover is not null))
        {
            Timeline(run.Failover!);
        }

        Comparison([.. result.Runs.Select(r => r.Failover)], [.. result.Runs.Select(r => Mode(r.Mode))], [.. result.Runs.Select(r => r.Error)]);
    }

    public static string Mode(LabMode mode) => mode == LabMode.HaKube ? "HaKube (vrrpd + tcplb)" : "Keepalived + HAProxy";
}
