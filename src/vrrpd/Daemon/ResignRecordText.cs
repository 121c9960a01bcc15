using System.Globalization;
using System.Net;
using System.Text;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// The text of the <see cref="ResignRecord"/> (pure): a comment, the writer's pid, then per instance one line for the
/// interface and source and one line per advert, the packet in hex:
/// <code>
/// pid 4242
/// instance haproxy-vip ifindex 2 ifname eth0 source 172.16.0.2
/// advert 172.16.0.3 2172006401010000...
/// </code>
/// Instance names are percent-encoded (JSON configurations allow spaces in them).
/// </summary>
internal static class ResignRecordText
{
    private const string Header = "# vrrpd: the priority-0 adverts `vrrpd --release` sends for the instances that were master when this vrrpd died";

    public static string Format(int pid, IEnumerable<ResignEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder().Append(Header).Append('\n');
        text.Append(c, $"pid {pid}\n");
        foreach (var entry in entries.OrderBy(e => e.Instance, StringComparer.Ordinal))
        {
            text.Append(c, $"instance {Uri.EscapeDataString(entry.Instance)} ifindex {entry.InterfaceIndex} ifname {entry.InterfaceName} source {entry.Source}\n");
            foreach (var advert in entry.Adverts)
            {
                text.Append(c, $"advert {advert.Destination} {Convert.ToHexStringLower(advert.Packet.AsSpan())}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Reads a record; every problem is listed with its line, and entries are returned only from a file without any.</summary>
    public static ResignRecordContents Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<string>();
        var entries = new List<ResignEntry>();
        int? pid = null;
        ResignEntry? current = null;
        List<ResignAdvert> adverts = [];
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var number = i + 1;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "pid" when words.Length == 2 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0:
                    if (pid is not null)
                    {
                        problems.Add($"line {number}: a second pid line");
                    }

                    pid = p;
                    break;
                case "instance":
                    Close(current, adverts, entries, problems);
                    current = ParseInstance(words, number, problems);
                    adverts = [];
                    break;
                case "advert":
                    if (ParseAdvert(words, number, problems) is { } advert)
                    {
                        if (current is null)
                        {
                            problems.Add($"line {number}: an advert before any instance line");
                        }
                        else
                        {
                            adverts.Add(advert);
                        }
                    }

                    break;
                default:
                    problems.Add($"line {number}: not a pid, instance or advert line: '{Shorten(line)}'");
                    break;
            }
        }

        Close(current, adverts, entries, problems);
        if (pid is null)
        {
            problems.Insert(0, "no pid line: cannot tell which vrrpd wrote it");
        }

        foreach (var twice in entries.GroupBy(e => e.Instance, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"instance {twice.Key} appears {twice.Count()} times");
        }

        return new ResignRecordContents(pid, problems.Count == 0 ? entries : [], problems);
    }

    private static ResignEntry? ParseInstance(string[] words, int number, List<string> problems)
    {
        if (words.Length != 8 || words[2] != "ifindex" || words[4] != "ifname" || words[6] != "source")
        {
            problems.Add($"line {number}: expected 'instance NAME ifindex N ifname IF source ADDRESS'");
            return null;
        }

        if (!int.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index <= 0)
        {
            problems.Add($"line {number}: ifindex '{Shorten(words[3])}' is not a positive number");
            return null;
        }

        if (!IPAddress.TryParse(words[7], out var source))
        {
            problems.Add($"line {number}: source '{Shorten(words[7])}' is not an IP address");
            return null;
        }

        return new ResignEntry(Uri.UnescapeDataString(words[1]), index, words[5], source, []);
    }

    private static ResignAdvert? ParseAdvert(string[] words, int number, List<string> problems)
    {
        if (words.Length != 3)
        {
            problems.Add($"line {number}: expected 'advert DESTINATION HEX'");
            return null;
        }

        if (!IPAddress.TryParse(words[1], out var destination))
        {
            problems.Add($"line {number}: destination '{Shorten(words[1])}' is not an IP address");
            return null;
        }

        try
        {
            return new ResignAdvert(destination, [.. Convert.FromHexString(words[2])]);
        }
        catch (FormatException)
        {
            problems.Add($"line {number}: the packet is not an even number of hex digits");
            return null;
        }
    }

    private static void Close(ResignEntry? current, List<ResignAdvert> adverts, List<ResignEntry> entries, List<string> problems)
    {
        if (current is null)
        {
            return;
        }

        if (adverts.Count == 0)
        {
            problems.Add($"instance {current.Instance}: no advert line");
            return;
        }

        entries.Add(current with { Adverts = [.. adverts] });
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
