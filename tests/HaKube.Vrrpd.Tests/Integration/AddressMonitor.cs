using System.Globalization;
using System.Net;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// `ip -ts -o monitor address` on a lab host: every address added or deleted there, stamped by the kernel event's
/// arrival (all hosts share the machine's clock), so a test can tell which of two hosts acted first.
/// </summary>
internal sealed class AddressMonitor
{
    private static readonly IPAddress Marker = IPAddress.Parse("198.18.0.251");

    private readonly LabProcess _process;

    private AddressMonitor(LabProcess process) => _process = process;

    /// <summary>Starts the monitor and returns once it is seen to report (a marker address added and deleted).</summary>
    public static async Task<AddressMonitor> StartAsync(LabHost host)
    {
        // Real-time priority: ip stamps an event when it reads it, so on a busy machine a monitor scheduled late would
        // stamp a removal after the other host's addition that it caused (seen here by about 1 ms).
        var monitor = new AddressMonitor(host.Start(["chrt", "-f", "50", "ip", "-ts", "-o", "monitor", "address"]));
        await Wait.UntilAsync(async ct =>
        {
            await host.RunCheckedAsync(["ip", "addr", "add", $"{Marker}/32", "dev", host.Interface], ct: ct);
            await host.RunCheckedAsync(["ip", "addr", "del", $"{Marker}/32", "dev", host.Interface], ct: ct);
            return monitor.Events(Marker).Any(e => !e.Added);
        }, Bounds.Cli, $"ip monitor on {host.Name} to report");
        return monitor;
    }

    /// <summary>The additions (true) and deletions (false) of <paramref name="address"/>, in order.</summary>
    public IReadOnlyList<(DateTimeOffset At, bool Added)> Events(IPAddress address)
    {
        var events = new List<(DateTimeOffset, bool)>();
        foreach (var line in _process.Output)
        {
            // "[2026-11-24T02:22:16.627213] Deleted 2: eth0    inet 198.18.0.100/24 scope global secondary eth0 ..."
            var close = line.Text.IndexOf("] ", StringComparison.Ordinal);
            if (!line.Text.StartsWith('[') || close < 0
                || !DateTime.TryParseExact(line.Text[1..close], "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at))
            {
                continue;
            }

            var words = line.Text[(close + 2)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var inet = Array.FindIndex(words, w => w is "inet" or "inet6");
            if (inet >= 0 && inet + 1 < words.Length && words[inet + 1].Split('/')[0] == address.ToString())
            {
                events.Add((new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero), words[0] != "Deleted"));
            }
        }

        return events;
    }
}
