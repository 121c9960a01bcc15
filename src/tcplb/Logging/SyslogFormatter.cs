using System.Globalization;
using System.Text;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Logging;

/// <summary>
/// Frames a log line for a target as HAProxy 2.6 does (log.c, build_log_header), with the route's tag (tcplb by default) and pid:
/// <list type="bullet">
/// <item>rfc3164, local: <c>&lt;PRI&gt;Mmm dd hh:mm:ss [HOST ]TAG[PID]: text</c> (local time, day space-padded; the host field
/// as <see cref="LogHeader.HostFor"/> says: none by default)</item>
/// <item>rfc5424: <c>&lt;PRI&gt;1 YYYY-MM-DDThh:mm:ss.uuuuuu+hh:mm HOST TAG PID - - text</c> (HOST "-" without log-send-hostname)</item>
/// <item>priority: <c>&lt;PRI&gt;text</c>; short: <c>&lt;LEVEL&gt;text</c>; timed: <c>&lt;LEVEL&gt;ISO text</c>; iso: <c>ISO text</c>; raw: <c>text</c></item>
/// </list>
/// PRI = facility × 8 + level, the level raised to the target's min level when more severe (HAProxy's MAX(level, minlvl)).
/// Every line ends with LF and is cut to the target's <c>len</c> bytes, LF included.
/// </summary>
internal static class SyslogFormatter
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The level a target sends <paramref name="level"/> at.</summary>
    public static SyslogLevel Effective(LogTargetOptions target, SyslogLevel level)
        => target.MinLevel is { } min && level < min ? min : level;

    /// <summary>The framed line, LF included, not yet cut to length.</summary>
    public static string Format(LogTargetOptions target, SyslogLevel level, DateTimeOffset time, int pid, LogHeader header, string text)
    {
        var host = header.HostFor(target);
        var tag = header.Tag;
        var c = CultureInfo.InvariantCulture;
        var severity = (int)Effective(target, level);
        var pri = ((int)target.Facility * 8) + severity;
        var sb = new StringBuilder(text.Length + 64);
        switch (target.Format)
        {
            case SyslogFormat.Rfc3164 or SyslogFormat.Local:
                sb.Append(c, $"<{pri}>{Months[time.Month - 1]} {time.Day,2} {time:HH:mm:ss} ");
                if (host is not null)
                {
                    sb.Append(host).Append(' ');
                }

                sb.Append(c, $"{tag}[{pid}]: ");
                break;
            case SyslogFormat.Rfc5424:
                sb.Append(c, $"<{pri}>1 {Iso(time)} {host} {tag} {pid} - - ");
                break;
            case SyslogFormat.Priority:
                sb.Append(c, $"<{pri}>");
                break;
            case SyslogFormat.Short:
                sb.Append(c, $"<{severity}>");
                break;
            case SyslogFormat.Timed:
                sb.Append(c, $"<{severity}>{Iso(time)} ");
                break;
            case SyslogFormat.Iso:
                sb.Append(Iso(time)).Append(' ');
                break;
            default:
                break;
        }

        // A line break inside the text would start a forged line in a stream or a text file.
        return sb.Append(text.Replace('\n', ' ')).Append('\n').ToString();
    }

    /// <summary>UTF-8 bytes of <paramref name="line"/>, cut to <paramref name="maxLength"/> bytes (on a character boundary) with its LF kept.</summary>
    public static byte[] Encode(string line, int maxLength)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        if (bytes.Length <= maxLength)
        {
            return bytes;
        }

        var cut = maxLength - 1;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        var result = new byte[cut + 1];
        bytes.AsSpan(0, cut).CopyTo(result);
        result[cut] = (byte)'\n';
        return result;
    }

    /// <summary>"2026-01-05T10:00:00.123456+01:00": local time, microseconds, numeric offset (HAProxy's timeofday_as_iso_us).</summary>
    private static string Iso(DateTimeOffset time)
        => time.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffffzzz", CultureInfo.InvariantCulture);
}
