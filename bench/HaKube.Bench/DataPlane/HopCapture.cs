using System.Globalization;
using System.Text.RegularExpressions;
using HaKube.NetLab;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace HaKube.Bench.DataPlane;

/// <summary>
/// tcpdump on a balancer's host, keeping the TCP segments with payload that pass through it, and the reading of its
/// file (SharpPcap, PacketDotNet) into a <see cref="HopMatcher"/>. The timestamps are the kernel's, taken as each
/// segment arrives at and leaves the host's interface.
/// </summary>
internal sealed partial class HopCapture
{
    /// <summary>Ethernet, IPv4 and TCP headers with options, and the first 48 bytes of payload.</summary>
    private const int SnapLength = 128;
    private const int PrefixLength = 48;

    /// <summary>SIGINT: tcpdump flushes its file and prints its counts, as on Ctrl-C.</summary>
    private const int SigInt = 2;

    // Segments with payload only: the IP total length minus both headers is not zero.
    private const string Filter = "tcp and (((ip[2:2] - ((ip[0] & 0xf) << 2)) - ((tcp[12] & 0xf0) >> 2)) != 0)";

    private readonly LabProcess _process;

    private HopCapture(LabProcess process, string path)
    {
        _process = process;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Starts tcpdump on <paramref name="host"/>'s interface, writing <paramref name="path"/>; returns once it captures.</summary>
    public static async Task<HopCapture> StartAsync(LabHost host, string path, CancellationToken ct)
    {
        // -Z root: a host with its own /etc may not know tcpdump's user; -B: 16 MiB of ring, so a burst is not dropped.
        var process = host.Start([
            "tcpdump", "-i", host.Interface, "-n", "-Z", "root", "-s", SnapLength.ToString(CultureInfo.InvariantCulture),
            "-B", "16384", "--time-stamp-precision=nano", "-w", path, Filter,
        ]);
        try
        {
            _ = await process.WaitForOutputAsync(l => l.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(10), ct);
        }
        catch
        {
            await process.StopAsync();
            throw;
        }

        return new HopCapture(process, path);
    }

    /// <summary>Stops the capture; returns how many segments the kernel dropped (tcpdump's own count).</summary>
    public async Task<long> StopAsync()
    {
        _process.Signal(SigInt);
        try
        {
            _ = await _process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await _process.StopAsync();
        }

        var dropped = DroppedLine().Match(_process.OutputText);
        return dropped.Success ? long.Parse(dropped.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Feeds every IPv4 TCP segment of the capture file at <paramref name="path"/> to <paramref name="matcher"/>.</summary>
    public static void Read(string path, HopMatcher matcher)
    {
        using var file = new CaptureFileReaderDevice(path);
        file.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
        while (file.GetNextPacket(out var capture) == GetPacketStatus.PacketRead)
        {
            var raw = capture.GetPacket();
            if (Packet.ParsePacket(raw.LinkLayerType, raw.Data).Extract<TcpPacket>() is not { ParentPacket: IPv4Packet ip } tcp)
            {
                continue;
            }

            // The payload's length from the headers, its first bytes from the frame: the capture keeps only those, and
            // PacketDotNet's payload accessors read as far as the headers say.
            var length = ip.TotalLength - (ip.HeaderLength * 4) - (tcp.DataOffset * 4);
            var start = tcp.HeaderSegment.Offset + (tcp.DataOffset * 4);
            var kept = Math.Clamp(raw.Data.Length - start, 0, Math.Min(Math.Max(length, 0), PrefixLength));
            var prefix = raw.Data.AsSpan(Math.Min(start, raw.Data.Length), kept);
            var at = (long)(raw.Timeval.Value * 1_000_000_000m);
            matcher.Add(at, ip.SourceAddress, tcp.SourcePort, ip.DestinationAddress, tcp.DestinationPort, length, prefix);
        }
    }

    [GeneratedRegex(@"(\d+) packets? dropped by kernel")]
    private static partial Regex DroppedLine();
}
