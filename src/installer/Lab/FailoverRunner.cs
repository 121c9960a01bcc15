using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// `lab failover`: kills the balancer on the VIP holder with SIGKILL while the client probes through the VIP
/// every 10 ms (TCP connect, and TLS + GET /readyz), and records who holds the VIP (`ip monitor address` on both
/// load balancers) and the client's neighbour entry for it (`ip monitor neigh` on the client).
/// </summary>
internal sealed class FailoverRunner(LabRuntime lab)
{
    private const int SigKill = 9;
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    public async Task<FailoverReport> RunAsync(CancellationToken ct)
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

        var balancer = old.Balancer!;
        lab.Context.Progress($"probing through the VIP from the client; {lab.Stack.BalancerName} (pid {balancer.Pid}) on {old.Name} is next");
        // Processes started on a host are the host's to dispose (with the lab): stopped here, never disposed.
        var neighbours = lab.Client.Start(["ip", "-ts", "monitor", "neigh"]);
        var oldAddresses = old.Host.Start(["ip", "-ts", "-o", "monitor", "address"]);
        var otherAddresses = other.Host.Start(["ip", "-ts", "-o", "monitor", "address"]);
        var probe = lab.Client.Start([lab.Context.Binaries.Probe, "--target", $"{LabTopology.Vip}:{LabTopology.ApiServerPort}",
            "--ca", lab.Context.CaFile, "--interval-ms", "10", "--timeout-ms", "1000", "--duration-s", "90"]);
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
            balancer.Signal(SigKill);
            lab.Context.Progress($"killed {lab.Stack.BalancerName} (pid {balancer.Pid}) on {old.Name}; waiting for the VIP to move and the probes to pass again");

            try
            {
                await Wait.UntilAsync(async c => !await old.Host.HasAddressAsync(LabTopology.Vip, c)
                        && await other.Host.HasAddressAsync(LabTopology.Vip, c)
                        && Settles(log.Records, killedAt),
                    Bound, "the VIP to move and the probes to pass again", ct);
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

            return FailoverAnalysis.Analyze(new FailoverObservation
            {
                Mode = lab.Stack.Mode,
                OldHolder = old.Name,
                OtherNode = other.Name,
                KilledProcess = lab.Stack.BalancerName,
                KilledPid = balancer.Pid,
                KilledAt = killedAt,
                OldMac = oldMac,
                Macs = lab.LoadBalancers.ToDictionary(l => l.Name, l => l.Host.Mac, StringComparer.Ordinal),
                Probes = [.. log.Records],
                AddressEvents = [.. AddressEvents(old.Name, oldAddresses), .. AddressEvents(other.Name, otherAddresses)],
                NeighbourEvents = NeighbourEvents(neighbours),
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

    /// <summary>True once every kind has passed for <see cref="Settled"/> in a row, measured from the last failure or the kill.</summary>
    private static bool Settles(IReadOnlyList<ProbeRecord> probes, DateTimeOffset killedAt)
    {
        foreach (var kind in new[] { "tcp", "tls" })
        {
            var mine = probes.Where(p => p.Kind == kind).OrderBy(p => p.T).ToList();
            var lastFailed = mine.FindLastIndex(p => !p.Ok);
            var from = lastFailed < 0 ? killedAt : mine[lastFailed].StartedAt;
            if (mine.Count == 0 || mine[^1].StartedAt - from < Settled || mine[^1].StartedAt - killedAt < Settled)
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
