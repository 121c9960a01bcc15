using System.Globalization;
using System.Net.Sockets;
using HaKube.Common.Daemon;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Cli;

internal static partial class ReleaseCommand
{
    private const string NoHandover = "the backup takes over after Master_Down_Interval instead";

    /// <summary>The resign record, or null when there is none (or it cannot be read: said on stderr).</summary>
    private static ResignRecordContents? ReadResignations(string path, TextWriter error)
    {
        try
        {
            return ResignRecord.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"vrrpd --release: warning: cannot read the resign record {path}: {e.Message}; no priority-0 advert sent ({NoHandover})");
            return null;
        }
    }

    /// <summary>
    /// Steps (b) and (c): sends each recorded priority-0 advert as the daemon would (its socket: raw protocol 112, TTL 255,
    /// bound to the interface, from the recorded source), then deletes the record. Only after every address went: a backup
    /// that takes over must never find the VIP still here. A record that is malformed, stale (written by another vrrpd
    /// than the last one to use the run directory) or names an interface that changed is reported and not sent; a send
    /// that fails is a warning. Neither changes the exit code: the VIPs are released, and the backup still takes over
    /// after Master_Down_Interval.
    /// </summary>
    private static async Task ResignAsync(RtnetlinkClient rtnl, string runDirectory, string path, ResignRecordContents record, bool addressesReleased,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        if (!addressesReleased)
        {
            await error.WriteLineAsync($"vrrpd --release: error: no priority-0 advert sent: a recorded address is still on this node (above) and a backup taking over now would hold it too; {path} is kept for the next --release");
            return;
        }

        try
        {
            if (record.Problems.Count > 0)
            {
                foreach (var problem in record.Problems)
                {
                    await error.WriteLineAsync($"vrrpd --release: warning: {path}: {problem}");
                }

                await error.WriteLineAsync($"vrrpd --release: warning: {path} is malformed: no priority-0 advert sent ({NoHandover})");
                return;
            }

            var last = RunDirectory.ReadPid(runDirectory, "vrrpd");
            if (last != record.Pid)
            {
                var who = last is { } p ? string.Create(c, $"the last vrrpd to use {runDirectory} was pid {p}") : $"{runDirectory} has no vrrpd.pid (that vrrpd stopped cleanly)";
                await error.WriteLineAsync(string.Create(c, $"vrrpd --release: warning: {path} is stale: written by vrrpd pid {record.Pid}, but {who}; no priority-0 advert sent"));
                return;
            }

            var links = await rtnl.GetLinksAsync(ct);
            foreach (var entry in record.Entries)
            {
                await SendAsync(entry, links, path, output, error);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task SendAsync(ResignEntry entry, IReadOnlyList<LinkInfo> links, string path, TextWriter output, TextWriter error)
    {
        var c = CultureInfo.InvariantCulture;
        var problems = new List<string>(entry.Check());
        var link = links.FirstOrDefault(l => l.Index == entry.InterfaceIndex);
        if (link is null || link.Name != entry.InterfaceName)
        {
            problems.Add(string.Create(c, $"instance {entry.Instance}: interface index {entry.InterfaceIndex} is {(link is null ? "gone" : link.Name)}, not {entry.InterfaceName} (stale)"));
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"vrrpd --release: warning: {path}: {problem}");
            }

            await error.WriteLineAsync($"vrrpd --release: warning: instance {entry.Instance}: no priority-0 advert sent ({NoHandover})");
            return;
        }

        VrrpSocket socket;
        try
        {
            socket = VrrpSocket.Open(new VrrpSocketOptions(entry.InterfaceName, entry.InterfaceIndex, entry.Source, JoinMulticastGroup: false));
        }
        catch (PlatformException e)
        {
            await error.WriteLineAsync($"vrrpd --release: warning: instance {entry.Instance}: no priority-0 advert sent: {e.Message} ({NoHandover})");
            return;
        }

        using (socket)
        {
            foreach (var advert in entry.Adverts)
            {
                var result = socket.Send(advert.Packet.AsSpan(), advert.Destination);
                if (result == SocketError.Success)
                {
                    await output.WriteLineAsync($"resigned {entry.Instance}: priority-0 advert sent to {advert.Destination} from {entry.Source} on {entry.InterfaceName}");
                }
                else
                {
                    await error.WriteLineAsync($"vrrpd --release: warning: instance {entry.Instance}: priority-0 advert to {advert.Destination} on {entry.InterfaceName} not sent: {result} ({NoHandover})");
                }
            }
        }
    }
}
