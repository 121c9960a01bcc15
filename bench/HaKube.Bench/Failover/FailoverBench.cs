using System.Globalization;
using HaKube.Bench.Fixtures;
using HaKube.Bench.Runner;
using HaKube.NetLab;

namespace HaKube.Bench.Failover;

/// <summary>
/// (b) Failover: for each scenario, N runs of each system in the same lab, one system at a time. A run: probes through
/// the VIP every 10 ms, the fault at T0 on the VIP holder, watch until the VIP has moved and probes have passed for a
/// second (or the scenario's window ends), then restore and wait for a quiet, single-holder VIP before the next run.
/// </summary>
internal static class FailoverBench
{
    public const string Part = "failover";
    public const string Reference = "Keepalived + HAProxy";
    public const string Outage = "client-visible outage";
    public const string FailureSpan = "span of failed connections (first → last)";
    public const string Failed = "failed probes (10 ms apart)";
    public const string VipMove = "VIP move (fault → VIP on the peer)";
    public const string VipBoth = "VIP on both nodes";

    /// <summary>Every variant, in the order they run (most telling first: a budget cut drops the tail).</summary>
    public static IReadOnlyList<FailoverVariant> Variants { get; } =
    [
        new(FailoverScenario.BalancerKilled, 1, 2),
        new(FailoverScenario.BalancerKilled, 0.1m, 3),
        new(FailoverScenario.ApiserverKilled, 1, 2),
        new(FailoverScenario.VrrpStopped, 1, 2),
        new(FailoverScenario.VrrpKilled, 1, 2),
        new(FailoverScenario.VrrpStopped, 0.1m, 3),
        new(FailoverScenario.VrrpKilled, 0.1m, 3),
    ];

    public static async Task RunAsync(BenchContext ctx)
    {
        var ct = ctx.Stop;
        ctx.SampleLoad(Part);
        IFailoverSystem[] systems = [new KeepalivedHaproxySystem(), new HaKubeSystem(ctx.Options.Tcplb, ctx.Options.Vrrpd)];
        await using var lab = await FailoverLab.CreateAsync(ct);
        ctx.Log("failover: lab up (lb1, lb2, master1-3 with nginx, client)");
        for (var v = 0; v < Variants.Count; v++)
        {
            var variant = Variants[v];
            foreach (var system in systems)
            {
                var what = $"{system.Name}: {variant.Name}";
                var chosen = ctx.Options.FailoverVariants.Count > 0 ? ctx.Options.FailoverVariants : ctx.Profile.FailoverVariants;
                if (chosen is not null && !chosen.Contains(v))
                {
                    var why = ctx.Options.FailoverVariants.Count > 0 ? "not selected with --variants" : $"left out of {ctx.Profile.Name} runs";
                    ctx.Results.Skip(new NotMeasured(Part, what, why) { Deliberate = true });
                    continue;
                }

                if (ctx.OverBudget)
                {
                    ctx.Results.Skip(new NotMeasured(Part, what, ctx.BudgetReason));
                    continue;
                }

                await RunSystemAsync(ctx, lab, system, variant, what);
            }
        }
    }

    private static async Task RunSystemAsync(BenchContext ctx, FailoverLab lab, IFailoverSystem system, FailoverVariant variant, string what)
    {
        var ct = ctx.Stop;
        var runs = new List<FailoverRunResult>();
        try
        {
            try
            {
                await system.StartAsync(lab, variant, ct);
            }
            catch (Exception e) when (e is DaemonExitedException or TimeoutException)
            {
                ctx.Results.Skip(new NotMeasured(Part, what, e.Message));
                return;
            }

            ctx.Log($"failover: {what}");
            await WaitSteadyAsync(lab, variant, ct);
            for (var i = 0; i < ctx.Profile.FailoverRuns; i++)
            {
                if (ctx.OverBudget)
                {
                    ctx.Results.Note(Part, string.Create(CultureInfo.InvariantCulture, $"{what}: stopped after {i} runs, {ctx.BudgetReason}"));
                    break;
                }

                var run = await RunOnceAsync(lab, system, variant, ct);
                runs.Add(run);
                ctx.Log(string.Create(CultureInfo.InvariantCulture,
                    $"failover:   run {i + 1}: outage {run.OutageMs:0} ms, {run.FailedProbes}/{run.Probes} probes failed, VIP move {run.VipMoveMs:0} ms, on both {run.VipOnBothMs:0} ms"));
            }
        }
        catch (Exception e) when (e is TimeoutException or LabException or DaemonExitedException)
        {
            ctx.Results.Skip(new NotMeasured(Part, $"{what} (after {runs.Count} runs)", e.Message));
        }
        finally
        {
            await system.StopAsync();
            // What a killed VRRP daemon left behind must not leak into the next system's runs.
            foreach (var lb in new[] { lab.Lb1, lab.Lb2 })
            {
                await lb.RunAsync(["ip", "addr", "del", $"{FailoverLab.Vip}/24", "dev", "eth0"], ct: CancellationToken.None);
            }
        }

        Record(ctx, system, variant, runs);
    }

    private static async Task<FailoverRunResult> RunOnceAsync(FailoverLab lab, IFailoverSystem system, FailoverVariant variant, CancellationToken ct)
    {
        var holders = await lab.Monitor.HoldersAsync(FailoverLab.Vip, ct);
        if (holders.Count != 1)
        {
            throw new LabException($"the VIP is held by {holders.Count} nodes before the fault");
        }

        var holder = holders[0];
        var other = lab.Peer(holder);
        await using var prober = new Prober(lab.Client, lab.VipEndpoint, lab.Certificate, variant.Window + TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(() => prober.Records.Count(r => r.Ok) >= 20, TimeSpan.FromSeconds(10), "20 good probes before the fault", ct);

        var t0 = DateTimeOffset.UtcNow;
        if (variant.Scenario == FailoverScenario.ApiserverKilled)
        {
            await lab.KillMasterAsync(0);
        }
        else
        {
            await system.InjectAsync(variant.Scenario, holder, ct);
        }

        // Watch until the VIP has moved (where it should) and probes have passed for a second, or the window ends.
        var quiet = TimeSpan.FromSeconds(1);
        var minimum = variant.VipMoves ? TimeSpan.Zero : TimeSpan.FromSeconds(3);
        while (DateTimeOffset.UtcNow - t0 < variant.Window)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            var now = DateTimeOffset.UtcNow;
            var records = prober.Records;
            var events = lab.Monitor.EventsSince(t0);
            var moved = !variant.VipMoves || events.Any(e => e.Host == other.Name && e.Added);
            // Quiet: no failed probe and no VIP change for a second (so a VIP left on both nodes shows as such).
            var lastChange = records.Where(r => !r.Ok).Select(r => r.End).Concat(events.Select(e => e.At)).Append(t0).Max();
            if (moved && now - t0 >= minimum && now - lastChange >= quiet && records.Count > 0 && records[^1].Ok)
            {
                break;
            }
        }

        var probes = await prober.StopAsync();
        var end = DateTimeOffset.UtcNow;
        var result = FailoverRunResult.Analyze(probes, lab.Monitor.EventsSince(t0), t0, end, holder.Name, other.Name);

        // Restore the faulted piece and let the pair settle before the next run.
        if (variant.Scenario == FailoverScenario.ApiserverKilled)
        {
            await lab.StartMasterAsync(0, ct);
            await WaitInRotationAsync(lab, lab.Masters[0], ct);
        }
        else
        {
            if (variant.Scenario == FailoverScenario.VrrpKilled)
            {
                // A SIGKILLed VRRP daemon cannot remove its VIP; clear it as an operator would before restarting it.
                await holder.RunAsync(["ip", "addr", "del", $"{FailoverLab.Vip}/24", "dev", "eth0"], ct: ct);
            }

            await system.RestoreAsync(variant.Scenario, holder, ct);
        }

        await WaitSteadyAsync(lab, variant, ct);
        return result;
    }

    /// <summary>Steady: exactly one node holds the VIP, a probe through it passes, and the VIP has not moved for 3 adverts + 1.5 s.</summary>
    private static async Task WaitSteadyAsync(FailoverLab lab, FailoverVariant variant, CancellationToken ct)
    {
        var quiet = TimeSpan.FromSeconds((double)variant.AdvertInt * 3 + 1.5);
        var since = DateTimeOffset.UtcNow;
        await Wait.UntilAsync(async token =>
        {
            var events = lab.Monitor.EventsSince(since);
            var lastChange = events.Count > 0 ? events[^1].At : since;
            if (DateTimeOffset.UtcNow - lastChange < quiet)
            {
                return false;
            }

            if ((await lab.Monitor.HoldersAsync(FailoverLab.Vip, token)).Count != 1)
            {
                return false;
            }

            using var socket = await Net.TryConnectAsync(lab.Client, lab.VipEndpoint, TimeSpan.FromSeconds(1), token);
            return socket is not null && await TlsGet.GetAsync(socket, lab.Certificate, "/readyz", token) == "ok";
        }, TimeSpan.FromSeconds(60), "one VIP holder, quiet for 3 adverts, serving /readyz", ct);
    }

    /// <summary>Waits until a request through the VIP lands on <paramref name="master"/> again (checks passed, slowstart ramps its weight).</summary>
    private static Task WaitInRotationAsync(FailoverLab lab, LabHost master, CancellationToken ct)
        => Wait.UntilAsync(async token =>
        {
            using var socket = await Net.TryConnectAsync(lab.Client, lab.VipEndpoint, TimeSpan.FromSeconds(1), token);
            return socket is not null && await TlsGet.GetAsync(socket, lab.Certificate, "/whoami", token) == master.Name;
        }, TimeSpan.FromSeconds(90), $"{master.Name} back in the balancer's rotation", ct);

    private static void Record(BenchContext ctx, IFailoverSystem system, FailoverVariant variant, List<FailoverRunResult> runs)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var reference = system.Name == Reference ? null : Reference;
        var r = ctx.Results;
        var prefix = variant.Name + ": ";
        // With one apiserver down, failures are intermittent (one server in three): their span, not an outage.
        var outage = variant.VipMoves ? Outage : FailureSpan;
        r.Add(new Series(Part, prefix + outage, system.Name, "ms", [.. runs.Select(x => x.OutageMs)]) { ComparedWith = reference, LowerIsBetter = true });
        r.Add(new Series(Part, prefix + Failed, system.Name, "probes", [.. runs.Select(x => (double)x.FailedProbes)]) { ComparedWith = reference, LowerIsBetter = true });
        if (variant.VipMoves)
        {
            var moves = runs.Where(x => x.VipMoveMs is not null).Select(x => x.VipMoveMs!.Value).ToList();
            if (moves.Count > 0)
            {
                r.Add(new Series(Part, prefix + VipMove, system.Name, "ms", moves) { ComparedWith = reference, LowerIsBetter = true });
            }

            if (moves.Count < runs.Count)
            {
                r.Note(Part, $"{system.Name}, {variant.Name}: the VIP did not move in {runs.Count - moves.Count} of {runs.Count} runs");
            }

            r.Add(new Series(Part, prefix + VipBoth, system.Name, "ms", [.. runs.Select(x => x.VipOnBothMs)])
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = runs.Any(x => x.VipStillOnBoth) ? "still on both when the run ended (the killed daemon cannot remove it)" : null,
            });
        }
    }
}
