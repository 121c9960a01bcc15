using System.Globalization;
using HaKube.Bench.Runner;
using HaKube.Installer.Lab;
using HaKube.NetLab;

namespace HaKube.Bench.Failover;

/// <summary>
/// (b) Failover, measured by `hakube lab`'s own runtime (src/installer/Lab) in this process: one lab (lb1, lb2, three
/// apiserver stand-ins, the client), both stacks in turn on its load balancers (<see cref="LabRuntime.UseStackAsync"/>).
/// For each variant and stack, N runs of <see cref="FailoverRunner"/> (probes through the VIP every 10 ms, the fault at
/// T0, watch until the VIP has moved where it should and probes have passed for a second), each followed by
/// <see cref="LabRuntime.RestoreAsync"/> (undo the fault, wait for a stable single-holder VIP that answers).
/// </summary>
internal static class FailoverBench
{
    public const string Part = "failover";
    public const string Reference = "Keepalived + HAProxy";
    public const string HaKube = "HaKube (vrrpd + tcplb)";
    public const string Outage = "client-visible outage";
    public const string FailureSpan = "span of failed connections (first → last)";
    public const string Failed = "failed probes (10 ms apart)";
    public const string VipMove = "VIP move (fault → VIP on the peer)";
    public const string VipBoth = "VIP on both nodes";
    public const string NeighbourChange = "neighbour change (fault → client's entry shows the new holder)";

    /// <summary>
    /// Every variant, most telling first. They run grouped by timer setting and stack (see RunAsync), so a budget cut
    /// drops the last group's tail. Positions are what --variants and the profiles name, so new variants go at the end.
    /// </summary>
    public static IReadOnlyList<FailoverVariant> Variants { get; } =
    [
        new(LabFault.Balancer, 1, 2),
        new(LabFault.Balancer, 0.1m, 3),
        new(LabFault.Apiserver, 1, 2),
        new(LabFault.VrrpTerm, 1, 2),
        new(LabFault.VrrpKill, 1, 2),
        new(LabFault.VrrpTerm, 0.1m, 3),
        new(LabFault.VrrpKill, 0.1m, 3),
        new(LabFault.Node, 1, 2),
        new(LabFault.Node, 0.1m, 3),
        // Issue 3's target names trackers (c) and (d): each alone, HaKube only (selected with --variants 9,10).
        new(LabFault.Balancer, 1, 2, BalancerTracking.Pidfile),
        new(LabFault.Balancer, 1, 2, BalancerTracking.Stream),
    ];

    private static readonly (LabMode Mode, string Name)[] Systems = [(LabMode.Reference, Reference), (LabMode.HaKube, HaKube)];

    public static async Task RunAsync(BenchContext ctx)
    {
        var ct = ctx.Stop;
        ctx.SampleLoad(Part);
        var chosen = ctx.Options.FailoverVariants.Count > 0 ? ctx.Options.FailoverVariants : ctx.Profile.FailoverVariants;
        var binaries = LabBinaries.Find(null) with { Tcplb = Path.GetFullPath(ctx.Options.Tcplb), Vrrpd = Path.GetFullPath(ctx.Options.Vrrpd) };
        var plan = new List<(FailoverVariant Variant, LabMode Mode, string System, string What)>();
        for (var v = 0; v < Variants.Count; v++)
        {
            foreach (var (mode, system) in Systems)
            {
                var what = $"{system}: {Variants[v].Name}";
                if (mode == LabMode.Reference && !Variants[v].BothStacks)
                {
                    continue;
                }

                if (chosen is not null && !chosen.Contains(v))
                {
                    var why = ctx.Options.FailoverVariants.Count > 0 ? "not selected with --variants" : $"left out of {ctx.Profile.Name} runs";
                    ctx.Results.Skip(new NotMeasured(Part, what, why) { Deliberate = true });
                }
                else if (Missing(binaries, mode) is { } missing)
                {
                    ctx.Results.Skip(new NotMeasured(Part, what, missing));
                }
                else
                {
                    plan.Add((Variants[v], mode, system, what));
                }
            }
        }

        if (plan.Count == 0)
        {
            return;
        }

        // Starting a stack costs seconds (daemons, an election, a check through the VIP): run every variant of one
        // timer setting on one stack before switching, in the variants' order otherwise (OrderBy is stable).
        var timerOrder = plan.Select(p => p.Variant.Timers).Distinct().ToList();
        plan = [.. plan.OrderBy(p => timerOrder.IndexOf(p.Variant.Timers)).ThenBy(p => Array.FindIndex(Systems, s => s.Mode == p.Mode))];

        // As the lab supervisor does: orphans of killed daemons (keepalived's children) are reaped here, not late by PID 1.
        using var reaper = OrphanReaper.Start();
        var pki = Directory.CreateTempSubdirectory("hakube-bench-pki-");
        try
        {
            LabPki.Create(pki.FullName, LabTopology.Masters, LabTopology.Vip);
            var caFile = Path.Combine(pki.FullName, "ca.pem");
            var context = new LabContext(binaries, caFile, await File.ReadAllTextAsync(caFile, ct), line => ctx.Log("failover:   lab: " + line));
            var first = plan[0];
            await using var lab = await LabRuntime.BuildAsync(first.Mode, first.Variant.Timers, context, _ => { }, ct);
            ctx.Log("failover: lab up (lb1, lb2, master1-3 with the apiserver stand-in, client)");
            var reset = false;
            foreach (var (variant, mode, system, what) in plan)
            {
                if (ctx.OverBudget)
                {
                    ctx.Results.Skip(new NotMeasured(Part, what, ctx.BudgetReason));
                    continue;
                }

                reset = !await RunSystemAsync(ctx, lab, variant, mode, system, what, reset);
            }
        }
        finally
        {
            pki.Delete(recursive: true);
        }
    }

    /// <summary>What keeps <paramref name="mode"/> from running, or null.</summary>
    private static string? Missing(LabBinaries binaries, LabMode mode)
    {
        try
        {
            binaries.Check(mode);
            return null;
        }
        catch (LabCommandException e)
        {
            return e.Message;
        }
    }

    /// <summary>Runs one variant on one stack; false when it ended in an error that may have left the lab mid-fault.</summary>
    private static async Task<bool> RunSystemAsync(BenchContext ctx, LabRuntime lab, FailoverVariant variant, LabMode mode, string system, string what, bool reset)
    {
        var ct = ctx.Stop;
        var runs = new List<FailoverReport>();
        var ok = true;
        try
        {
            if (reset || lab.Stack.Mode != mode || lab.Stack.Timers != variant.Timers || lab.Stack.Tracking != variant.Tracking)
            {
                await lab.UseStackAsync(mode, variant.Timers, ct, variant.Tracking);
            }

            ctx.Log($"failover: {what}");
            for (var i = 0; i < ctx.Profile.FailoverRuns; i++)
            {
                if (ctx.OverBudget)
                {
                    ctx.Results.Note(Part, string.Create(CultureInfo.InvariantCulture, $"{what}: stopped after {i} runs, {ctx.BudgetReason}"));
                    break;
                }

                var run = await new FailoverRunner(lab).RunAsync(variant.Fault, ct);
                runs.Add(run);
                ctx.Log(string.Create(CultureInfo.InvariantCulture,
                    $"failover:   run {i + 1}: outage {run.Tls.DisruptionMs:0} ms, {run.Tls.FailedAfterFault}/{run.Tls.Total} TLS probes failed after the fault ({run.Tls.InFlightFailed} in flight at it), VIP {(run.VipMoved ? $"moved in {run.VipAddedToNewMs:0} ms" : "stayed")}, on both {run.BothHeldMs:0} ms"));
                await lab.RestoreAsync(ct);
            }
        }
        catch (Exception e) when (e is LabCommandException or LabException or TimeoutException)
        {
            ctx.Results.Skip(new NotMeasured(Part, string.Create(CultureInfo.InvariantCulture, $"{what} (after {runs.Count} runs)"), e.Message.Split('\n')[0]));
            ctx.Log($"failover: {what}: {e.Message}");
            ok = false;
        }

        Record(ctx, system, variant, runs);
        return ok;
    }

    private static void Record(BenchContext ctx, string system, FailoverVariant variant, List<FailoverReport> runs)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var reference = system == Reference || !variant.BothStacks ? null : Reference;
        var r = ctx.Results;
        var prefix = variant.Name + ": ";
        void Add(string metric, string unit, IReadOnlyList<double> samples, string? note = null)
        {
            if (samples.Count > 0)
            {
                r.Add(new Series(Part, prefix + metric, system, unit, samples) { ComparedWith = reference, LowerIsBetter = true, Note = note });
            }
        }

        // What a kube client sees: hakube-probe's TLS probes (connect, handshake, GET /readyz). With one apiserver
        // down, failures are intermittent (one server in three): their span, not an outage.
        var outages = runs.Where(x => x.Tls.DisruptionMs is not null).Select(x => x.Tls.DisruptionMs!.Value).ToList();
        Add(variant.VipMoves ? Outage : FailureSpan, "ms", outages);
        if (outages.Count < runs.Count)
        {
            r.Note(Part, $"{system}, {variant.Name}: the probes did not pass again within the run in {runs.Count - outages.Count} of {runs.Count} runs");
        }

        // Probes started after the fault; those in flight at it (cut with the killed process) are counted apart.
        Add(Failed, "probes", [.. runs.Select(x => (double)x.Tls.FailedAfterFault)]);
        var inFlight = runs.Sum(x => x.Tls.InFlightFailed);
        if (inFlight > 0)
        {
            r.Note(Part, string.Create(CultureInfo.InvariantCulture,
                $"{system}, {variant.Name}: besides, {inFlight} probes in flight at the fault failed over {runs.Count} runs (cut with what the fault killed; not in the failed-probe counts)"));
        }

        var moved = runs.Count(x => x.VipMoved);
        if (!variant.VipMoves)
        {
            r.Note(Part, moved == 0
                ? $"{system}, {variant.Name}: the VIP stayed on its holder in all {runs.Count} runs, as it should"
                : $"{system}, {variant.Name}: the VIP moved in {moved} of {runs.Count} runs (it should stay)");
            return;
        }

        Add(VipMove, "ms", [.. runs.Where(x => x.VipAddedToNewMs is not null).Select(x => x.VipAddedToNewMs!.Value)]);
        if (moved < runs.Count)
        {
            r.Note(Part, $"{system}, {variant.Name}: the VIP did not move in {runs.Count - moved} of {runs.Count} runs");
        }

        Add(VipBoth, "ms", [.. runs.Select(x => x.BothHeldMs)],
            runs.Any(x => x.VipOnBothAtEnd) ? "still on both when the run ended (the killed daemon cannot remove it; restore does)" : null);
        Add(NeighbourChange, "ms", [.. runs.Where(x => x.NeighbourChangedMs is not null).Select(x => x.NeighbourChangedMs!.Value)]);
    }
}
