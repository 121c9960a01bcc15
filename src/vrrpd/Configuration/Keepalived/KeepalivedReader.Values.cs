using System.Globalization;
using System.Net;
using HaKube.Vrrpd.Configuration.Validation;

namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>Value parsing shared by the keyword handlers: every failure is an error at the word's line.</summary>
internal sealed partial class KeepalivedReader
{
    private void Record(string path, KeepalivedStatement s) => _map.Add(path, s.File, s.Line);

    /// <summary>Checks the number of words after the keyword.</summary>
    private bool Args(KeepalivedStatement s, int min, int max, string usage)
    {
        if (s.ArgumentCount >= min && s.ArgumentCount <= max)
        {
            return true;
        }

        _diagnostics.Error(s.File, s.Line, s.Keyword.Text, $"expects {usage}");
        return false;
    }

    private int? Int(KeepalivedStatement s, int index, ValueRange range) => Int(s.Words[index], s.Keyword.Text, range);

    private int? Int(KeepalivedToken word, string field, ValueRange range)
    {
        if (int.TryParse(word.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _diagnostics.Error(word.File, word.Line, field, $"'{word.Text}' is not a whole number; allowed {range}");
        return null;
    }

    private decimal? Decimal(KeepalivedStatement s, int index, ValueRange range)
    {
        var word = s.Words[index];
        if (decimal.TryParse(word.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _diagnostics.Error(word.File, word.Line, s.Keyword.Text, $"'{word.Text}' is not a number; allowed {range} (seconds, decimals allowed)");
        return null;
    }

    private IPAddress? Address(KeepalivedToken word, string field) => Address(word, field, zones: null);

    /// <summary>
    /// An IPv4 or IPv6 address. Where <paramref name="zones"/> is given (unicast_src_ip, unicast_peer), a link-local IPv6
    /// address may name its link as Keepalived's examples do (fe80::2%eth0): the zone is collected there for the
    /// instance to check against its interface, and the address comes back without it.
    /// </summary>
    private IPAddress? Address(KeepalivedToken word, string field, List<(KeepalivedToken Word, string Field, string Zone)>? zones)
    {
        var text = word.Text;
        string? zone = null;
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            zone = text[(percent + 1)..];
            text = text[..percent];
        }

        if (!IPAddress.TryParse(text, out var address)
            || !(text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3))
        {
            _diagnostics.Error(word.File, word.Line, field, $"'{word.Text}' is not an IPv4 or IPv6 address");
            return null;
        }

        if (zone is null)
        {
            return address;
        }

        if (zones is null || !address.IsIPv6LinkLocal || zone.Length == 0)
        {
            _diagnostics.Error(word.File, word.Line, field, $"'{word.Text}': a zone (%INTERFACE) belongs on a link-local IPv6 unicast_src_ip or unicast_peer only");
            return null;
        }

        zones.Add((word, field, zone));
        return address;
    }

    /// <summary>Each zone written on the instance's link-local addresses must name the instance's own interface.</summary>
    private void CheckZones(List<(KeepalivedToken Word, string Field, string Zone)> zones, VrrpInstanceOptions instance)
    {
        foreach (var (word, field, zone) in zones)
        {
            if (instance.Interface is { } link && zone != link)
            {
                _diagnostics.Error(word.File, word.Line, field,
                    $"'{word.Text}' names interface {zone}, but vrrp_instance {instance.Name} runs on {link}: its link-local source and peers are on {link} (write {word.Text[..word.Text.IndexOf('%', StringComparison.Ordinal)]} or %{link})");
            }
        }
    }

    /// <summary>A flag keyword with an optional true/false (Keepalived's check_true_false words).</summary>
    private bool? Flag(KeepalivedStatement s)
    {
        if (!Args(s, 0, 1, $"no value, or one of true|false|yes|no|on|off: {s.Keyword.Text} [true|false]"))
        {
            return null;
        }

        if (s.ArgumentCount == 0)
        {
            return true;
        }

        var word = s.Words[1];
        switch (word.Text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                _diagnostics.Error(word.File, word.Line, s.Keyword.Text, $"'{word.Text}' is not a truth value; allowed true|false|yes|no|on|off");
                return null;
        }
    }

    /// <summary>Reads <c>weight N [reverse|noreverse]</c> starting at word <paramref name="start"/>; reports anything else.</summary>
    private (int? Weight, bool? Reverse) WeightClause(KeepalivedStatement s, int start, ValueRange range)
    {
        int? weight = null;
        bool? reverse = null;
        var i = start;
        while (i < s.Words.Count)
        {
            var word = s.Words[i];
            if (word.Text == "weight" && i + 1 < s.Words.Count)
            {
                weight = Int(s.Words[i + 1], s.Keyword.Text, range);
                i += 2;
            }
            else if (word.Text is "reverse" or "noreverse" && weight is not null)
            {
                // Neither: the definition's flag stays (Keepalived 2.2.7); noreverse: the weight applies as written.
                reverse = word.Text == "reverse";
                i++;
            }
            else
            {
                _diagnostics.Error(word.File, word.Line, s.Keyword.Text, $"unexpected '{word.Text}'; allowed: NAME [weight {range} [reverse|noreverse]]");
                break;
            }
        }

        return (weight, reverse);
    }

    /// <summary>Splits a script line into program and arguments as Keepalived does: whitespace, with '…' and "…" grouping.</summary>
    internal static IReadOnlyList<string> SplitCommand(string line)
    {
        List<string> words = [];
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>The command of a script keyword: one quoted word is split; several words are taken as they are.</summary>
    private static IReadOnlyList<string> CommandWords(KeepalivedStatement s, int start, int count) =>
        count == 1 ? SplitCommand(s.Words[start].Text) : s.Words.Skip(start).Take(count).Select(w => w.Text).ToArray();
}
