using System.Net;
using HaKube.NetLab;

namespace HaKube.Bench.Failover;

/// <summary>
/// Watches the VIP on each load-balancer host through netlink (<c>ip -o monitor address</c> running in the host):
/// each address change arrives as one line, stamped when the lab read it, so the move time needs no polling.
/// </summary>
internal sealed class VipMonitor : IAsyncDisposable
{
    private readonly List<(LabHost Host, LabProcess Monitor)> _monitors = [];
    private readonly string _match;

    private VipMonitor(IPAddress vip) => _match = $" {vip}/";

    public static async Task<VipMonitor> StartAsync(IPAddress vip, IReadOnlyList<LabHost> hosts, CancellationToken ct)
    {
        var monitor = new VipMonitor(vip);
        foreach (var h in hosts)
        {
            var p = h.Start(["ip", "-o", "monitor", "address"]);
            monitor._monitors.Add((h, p));
        }

        // `ip monitor` prints nothing until a change: give it a moment to subscribe, checked by it still running.
        await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        foreach (var (h, p) in monitor._monitors)
        {
            if (p.HasExited)
            {
                throw new InvalidOperationException($"ip monitor on {h.Name} exited: {p.OutputText}");
            }
        }

        return monitor;
    }

    /// <summary>Every VIP change seen since <paramref name="since"/>, in time order.</summary>
    public IReadOnlyList<VipEvent> EventsSince(DateTimeOffset since)
        => [.. _monitors
            .SelectMany(m => m.Monitor.Output
                .Where(l => l.At >= since && l.Text.Contains(_match, StringComparison.Ordinal))
                .Select(l => new VipEvent(l.At, m.Host.Name, !l.Text.StartsWith("Deleted", StringComparison.Ordinal))))
            .OrderBy(e => e.At)];

    /// <summary>The hosts that hold the VIP now (asked of each host, not inferred from events).</summary>
    public async Task<IReadOnlyList<LabHost>> HoldersAsync(IPAddress vip, CancellationToken ct)
    {
        var holders = new List<LabHost>();
        foreach (var (h, _) in _monitors)
        {
            if (await h.HasAddressAsync(vip, ct))
            {
                holders.Add(h);
            }
        }

        return holders;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, p) in _monitors)
        {
            await p.StopAsync();
        }
    }
}
