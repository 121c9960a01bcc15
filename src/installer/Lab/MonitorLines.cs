using System.Globalization;
using System.Net;

namespace HaKube.Installer.Lab;

/// <summary>Parses the lines `ip -ts -o monitor address` and `ip -ts monitor neigh` print.</summary>
internal static class MonitorLines
{
    /// <summary>
    /// Splits off the "[2026-11-24T02:22:16.627213] " prefix `ip -ts` gives each line (local time, taken when ip
    /// printed it, so a reader that falls behind does not skew it); <paramref name="fallback"/> when there is none.
    /// </summary>
    public static (DateTimeOffset At, string Text) SplitTimestamp(string line, DateTimeOffset fallback)
    {
        var close = line.IndexOf("] ", StringComparison.Ordinal);
        if (line.StartsWith('[') && close > 0
            && DateTime.TryParseExact(line[1..close], "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
        {
            return (new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero), line[(close + 2)..]);
        }

        return (fallback, line);
    }

    /// <summary>
    /// True when the line adds <paramref name="vip"/>, false when it removes it, null for anything else.
    /// "2: eth0    inet 198.18.0.10/24 scope global secondary eth0\ ..." or "Deleted 2: eth0    inet 198.18.0.10/24 ...".
    /// </summary>
    public static bool? ParseAddress(string line, IPAddress vip)
    {
        var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(words, w => w is "inet" or "inet6");
        if (at < 0 || at + 1 >= words.Length || words[at + 1].Split('/')[0] != vip.ToString())
        {
            return null;
        }

        return !(words[0] == "Deleted");
    }

    /// <summary>
    /// The entry for <paramref name="vip"/> a line reports, or null for other lines.
    /// "198.18.0.10 dev eth0 lladdr 02:48:4b:00:00:03 REACHABLE"; "Deleted 198.18.0.10 dev eth0 ... " gives state DELETED.
    /// </summary>
    public static (string? Mac, string State)? ParseNeighbour(string line, IPAddress vip)
    {
        var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var first = 0;
        var deleted = false;
        if (words.Length > 0 && words[0] is "Deleted" or "delete")
        {
            first = 1;
            deleted = true;
        }

        if (words.Length <= first || words[first] != vip.ToString())
        {
            return null;
        }

        var lladdr = Array.IndexOf(words, "lladdr");
        var mac = lladdr >= 0 && lladdr + 1 < words.Length ? words[lladdr + 1] : null;
        var state = deleted ? "DELETED" : words[^1];
        return (mac, state);
    }
}
