using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// `lab failover`: injects a fault (<see cref="LabFault"/>; by default the balancer on the VIP holder killed with
/// SIGKILL) while the client probes through the VIP every 10 ms (TCP connect, and TLS + GET /readyz), and records
/// who holds the VIP (`ip monitor address` on both load balancers) and the client's neighbour entry for it (`ip
/// monitor neigh` on the client). `lab restore` (<see cref="LabRuntime.RestoreAsync"/>) undoes the fault.
/// </summary>
internal sealed class FailoverRunner(LabRuntime lab)
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private static readonly TimeSpan Settled = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A probe that started this long ago has printed its record: its timeout, and slack for a loaded machine.</summary>
    private static readonly TimeSpan Complete = ProbeTimeout + TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    /// <summary>The balancer kill, as `lab failover` without --fault.</summary>
    public Task<FailoverReport> RunAsync(CancellationToken ct) => RunAsync(LabFault.Balancer, ct);

    public async Task<FailoverReport> RunAsync(LabFault fault, CancellationToken ct)
    {
        var holders = await lab.VipHoldersAsync(ct);
        if (holders.Count != 1)
        {
            throw new LabCommandException($"the VIP is on {(holders.Count == 0 ? "no load balancer" : "both load balancers")}; wait for it to settle or run `hakube lab restore`");
        }

        var old = lab.LoadBalancers.Single(l => l.Name == holders[0]);
        var other = lab.LoadBalancers.Single(l => l != old);
        if (lab.LoadBalancers.FirstOrDefault(l => l.Balancer is not { HasExited: false } || l.Vrrp is not { HasExited: false }) is { } broken)
        {
            throw new LabCommandException($"a daemon on {broken.Name} is not running (killed by an earlier failover?): run `hakube lab restore` first");
        }

        if (lab.LoadBalancers.FirstOrDefault(l => l.LinkCut) is { } cut)
        {
            throw new LabCommandException($"{cut.Name} is cut off (by an earlier failover): run `hakube lab restore` first");
        }

        if (LabTopology.Masters.FirstOrDefault(m => lab.StandIn(m).HasExited) is { } dead)
        {
            throw new LabCommandException($"the apiserver stand-in on {dead.Name} is not running (killed by an earlier failover?): run `hakube lab restore` first");
        }

        lab.Context.Progress($"probing through the VIP from the client; next: {Describe(fault, old)}");
        // Processes started on a host are the host's to dispose (with the lab): stopped here, never disposed.
        var neighbours = lab.Client.Start(["ip", "-ts", "monitor", "neigh"]);
        var oldAddresses = old.Host.Start(["ip", "-ts", "-o", "monitor", "address"]);
        var otherAddresses = other.Host.Start(["ip", "-ts", "-o", "monitor", "address"]);
        var probe = lab.Client.Start([lab.Context.Binaries.Probe, "--target", $"{LabTopology.Vip}:{LabTopology.ApiServerPort}",
            "--ca", lab.Context.CaFile, "--interval-ms", "10",
            "--timeout-ms", ProbeTimeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration-s", "90"]);
        try
        {
            await probe.WaitForOutputAsync(l => l.Contains("\"event\":\"started\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20), ct);
            var log = new ProbeLog(probe);
            try
            {
                // A baseline: both kinds pass through the VIP before anything is killed.
                await Wait.UntilAsync(() => log.Records.Where(p => p.Ok).GroupBy(p => p.Kind).Count(g => g.Count() >= 20) == 2,
                    TimeSpan.FromSeconds(15), "20 passing probes of each kind through the VIP", ct);
            }
            catch (TimeoutException e)
            {
                throw new LabCommandException($"{e.Message}: the lab gives no service before the failover; the probe said:\n{LabContext.Tail(probe)}", e);
            }

            var oldMac = await lab.Client.NeighbourMacAsync(LabTopology.Vip, ct);
            var killedAt = DateTimeOffset.UtcNow;
            var (killed, pid, description) = await InjectAsync(fault, old, ct);
            var moves = LabFaults.MovesVip(fault);
            lab.Context.Progress($"{description}; waiting for {(moves ? "the VIP to move and " : "")}the probes to pass again");

            try
            {
                // Where the VIP should go, the old holder gives it up if it can, and every kind of probe has passed for half a second.
                await Wait.UntilAsync(async c => (!LabFaults.OldHolderRemovesVip(fault, lab.Stack.ReleasesOnExit) || !await old.Host.HasAddressAsync(LabTopology.Vip, c))
                        && (!moves || await other.Host.HasAddressAsync(LabTopology.Vip, c))
                        && Settles(log.Records, killedAt, LabFaults.MinimumWatch(fault)),
                    Bound, moves ? "the VIP to move and the probes to pass again" : "the probes to pass again", ct);
            }
            catch (TimeoutException)
            {
                // Reported as not recovered, with what was seen.
            }

            // Stop probing (probes in flight finish), then stop watching.
            probe.Signal(15);
            await probe.WaitForExitAsync(TimeSpan.FromSeconds(10), ct);
            var finalHolders = await lab.VipHoldersAsync(ct);
            await Task.Delay(100, ct);
            // What the node's service manager did about a dead daemon is part of the story: let it finish first.
            await lab.Stack.WhenIdleAsync(old.Host, ct);

            return FailoverAnalysis.Analyze(new FailoverObservation
            {
                Mode = lab.Stack.Mode,
                Fault = fault,
                FaultDescription = description,
                FaultHost = fault == LabFault.Apiserver ? LabFaults.ApiserverTarget.Name : old.Name,
                OldHolder = old.Name,
                OtherNode = other.Name,
                KilledProcess = killed,
                KilledPid = pid,
                KilledAt = killedAt,
                IsolatedNode = fault == LabFault.Node ? old.Name : null,
                OldMac = oldMac,
                Macs = lab.LoadBalancers.ToDictionary(l => l.Name, l => l.Host.Mac, StringComparer.Ordinal),
                Probes = [.. log.Records],
                AddressEvents = [.. AddressEvents(old.Name, oldAddresses), .. AddressEvents(other.Name, otherAddresses)],
                NeighbourEvents = NeighbourEvents(neighbours),
                StackActions = [.. lab.Stack.Actions.Where(a => a.At >= killedAt)],
                FinalHolders = finalHolders,
            });
        }
        finally
        {
            foreach (var process in new[] { probe, neighbours, oldAddresses, otherAddresses })
            {
                await process.StopAsync(TimeSpan.FromSeconds(2));
            }
        }
    }

    /// <summary>Does the fault now; returns what it hit (process name and PID, none for a node) and the fault in words.</summary>
    private async Task<(string Killed, int? Pid, string Description)> InjectAsync(LabFault fault, LoadBalancerNode holder, CancellationToken ct)
    {
        switch (fault)
        {
            case LabFault.Balancer:
                var balancer = holder.Balancer!;
                balancer.Signal(SigKill);
                return (lab.Stack.BalancerName, balancer.Pid, Describe(fault, holder));
            case LabFault.VrrpKill:
                // The whole process group, as a crash or the OOM killer of the service would: keepalived's VRRP and
                // checker children die with it. Nothing of it runs to remove the VIP; for vrrpd the stack runs what
                // its unit's ExecStopPost would (`vrrpd --release`).
                var vrrp = holder.Vrrp!;
                var description = Describe(fault, holder);
                await vrrp.KillAsync();
                return (lab.Stack.VrrpName, vrrp.Pid, description);
            case LabFault.VrrpTerm:
                holder.Vrrp!.Signal(SigTerm);
                return (lab.Stack.VrrpName, holder.Vrrp.Pid, Describe(fault, holder));
            case LabFault.Apiserver:
                var standIn = lab.StandIn(LabFaults.ApiserverTarget);
                standIn.Signal(SigKill);
                return ("kube-apiserver-standin", standIn.Pid, Describe(fault, holder));
            case LabFault.Node:
                holder.LinkCut = true;
                await holder.Host.CutLinkAsync(ct);
                return ("eth0 link", null, Describe(fault, holder));
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "no such fault");
        }
    }

    private string Describe(LabFault fault, LoadBalancerNode holder) => fault switch
    {
        // The balancer kill keeps the wording reports had before faults could be chosen.
        LabFault.Balancer => $"{lab.Stack.BalancerName} (pid {holder.Balancer!.Pid}) killed on {holder.Name}",
        LabFault.VrrpKill => $"{lab.Stack.VrrpName} (pid {holder.Vrrp!.Pid}) killed on {holder.Name} with SIGKILL (its process group)",
        LabFault.VrrpTerm => $"{lab.Stack.VrrpName} (pid {holder.Vrrp!.Pid}) stopped on {holder.Name} with SIGTERM",
        LabFault.Apiserver => $"kube-apiserver-standin (pid {lab.StandIn(LabFaults.ApiserverTarget).Pid}) killed on {LabFaults.ApiserverTarget.Name} with SIGKILL",
        _ => $"{holder.Name} cut off: its eth0 unplugged from the bridge",
    };

    /// <summary>
    /// True once every kind has passed for <see cref="Settled"/> in a row, measured from the last failure or the
    /// fault, and <paramref name="minimum"/> has passed since the fault. Only probes that must have finished count: a
    /// probe that will time out prints its failure a timeout after it started (a balancer retrying a dead server
    /// holds the connection), so the newest records alone would show passes that are not.
    /// </summary>
    private static bool Settles(IReadOnlyList<ProbeRecord> probes, DateTimeOffset killedAt, TimeSpan minimum)
    {
        var complete = DateTimeOffset.UtcNow - Complete;
        foreach (var kind in new[] { "tcp", "tls" })
        {
            var mine = probes.Where(p => p.Kind == kind && p.StartedAt <= complete).OrderBy(p => p.T).ToList();
            var lastFailed = mine.FindLastIndex(p => !p.Ok);
            var from = lastFailed < 0 ? killedAt : mine[lastFailed].StartedAt;
            if (mine.Count == 0 || mine[^1].StartedAt - from < Settled || mine[^1].StartedAt - killedAt < (minimum > Settled ? minimum : Settled))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<AddressEvent> AddressEvents(string node, LabProcess monitor)
    {
        foreach (var line in monitor.Output)
        {
            var (at, text) = MonitorLines.SplitTimestamp(line.Text, line.At);
            if (MonitorLines.ParseAddress(text, LabTopology.Vip) is { } added)
            {
                yield return new AddressEvent(at, node, added);
            }
        }
    }

    private static List<NeighbourEvent> NeighbourEvents(LabProcess monitor)
    {
        var events = new List<NeighbourEvent>();
        foreach (var line in monitor.Output)
        {
            var (at, text) = MonitorLines.SplitTimestamp(line.Text, line.At);
            if (MonitorLines.ParseNeighbour(text, LabTopology.Vip) is { } entry)
            {
                events.Add(new NeighbourEvent(at, entry.Mac, entry.State));
            }
        }

        return events;
    }
}
