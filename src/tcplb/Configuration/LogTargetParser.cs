using System.Globalization;
using System.Net.Sockets;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Reads the words of a <c>log</c> line after the keyword, as HAProxy 2.6 does (configuration manual 3.1 and 4.2 "log"):
/// &lt;target&gt; [len N] [format F] [sample R:S] &lt;facility&gt; [max level [min level]]. Findings go to the callbacks
/// with the field they concern ("log", "log len", "log format"); null when the line cannot be used.
/// </summary>
internal static class LogTargetParser
{
    private static readonly string[] FacilityNames =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit",
        "alert", "cron2", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    private static readonly string[] LevelNames = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    private static readonly string[] FormatNames = ["rfc3164", "local", "rfc5424", "priority", "short", "timed", "iso", "raw"];

    private const string Targets = "stdout, stderr, a unix socket path such as /dev/log, or [udp@]host[:port] (UDP syslog, port 514 by default)";

    public static LogTargetOptions? Parse(IReadOnlyList<string> words, Action<string, string> error, Action<string, string> warning)
    {
        string Word(int i) => i < words.Count ? words[i] : "";

        if (Word(0).Length == 0)
        {
            error("log", $"'log' expects a target ({Targets}) and a facility, or 'global'");
            return null;
        }

        var target = ParseTarget(Word(0), error);
        var i = 1;
        var maxLength = LogTargetOptions.DefaultMaxLength;
        var format = SyslogFormat.Rfc3164;
        var formatWritten = false;
        LogSample? sample = null;
        while (Word(i) is "len" or "format" or "sample")
        {
            var value = Word(i + 1);
            switch (Word(i))
            {
                case "len":
                    // HAProxy: "len" between 80 and 65535.
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out maxLength) || maxLength is < 80 or > 65535)
                    {
                        error("log len", $"'{value}' is not allowed: len is a line length from 80 to 65535 bytes (default 1024)");
                        return null;
                    }

                    break;
                case "format":
                    var index = Array.IndexOf(FormatNames, value);
                    if (index < 0)
                    {
                        error("log format", $"'{value}' is not a log format: use {string.Join(", ", FormatNames)}");
                        return null;
                    }

                    format = (SyslogFormat)index;
                    formatWritten = true;
                    break;
                default:
                    sample = LogSample.Parse(value, out var problem);
                    if (sample is null)
                    {
                        error("log sample", problem!);
                        return null;
                    }

                    break;
            }

            i += 2;
        }

        var facility = Array.IndexOf(FacilityNames, Word(i));
        if (facility < 0)
        {
            error("log", Word(i).Length == 0
                ? $"'log {Word(0)}' needs a facility: one of {string.Join(", ", FacilityNames)}"
                : $"'{Word(i)}' is not a syslog facility: use one of {string.Join(", ", FacilityNames)}");
            return null;
        }

        var max = SyslogLevel.Debug;
        SyslogLevel? min = null;
        if (words.Count > i + 1 && !TryLevel(Word(i + 1), error, out max))
        {
            return null;
        }

        if (words.Count > i + 2)
        {
            if (!TryLevel(Word(i + 2), error, out var m))
            {
                return null;
            }

            min = m;
        }

        if (words.Count > i + 3)
        {
            warning("log", $"'{string.Join(' ', words.Skip(i + 3))}' after the levels is ignored");
        }

        return target is null ? null : target with
        {
            Format = format,
            FormatWritten = formatWritten,
            Sample = sample,
            Facility = (SyslogFacility)facility,
            MaxLevel = max,
            MinLevel = min,
            MaxLength = maxLength,
        };
    }

    public static bool TryParseLevel(string text, out SyslogLevel level)
    {
        var index = Array.IndexOf(LevelNames, text);
        level = (SyslogLevel)Math.Max(index, 0);
        return index >= 0;
    }

    private static bool TryLevel(string text, Action<string, string> error, out SyslogLevel level)
    {
        if (TryParseLevel(text, out level))
        {
            return true;
        }

        error("log", $"'{text}' is not a log level: use {string.Join(", ", LevelNames)}");
        return false;
    }

    private static LogTargetOptions? ParseTarget(string text, Action<string, string> error)
    {
        switch (text)
        {
            case "stdout" or "fd@1":
                return new LogTargetOptions { Target = text, Kind = LogTargetKind.Stdout };
            case "stderr" or "fd@2":
                return new LogTargetOptions { Target = text, Kind = LogTargetKind.Stderr };
        }

        if (text.StartsWith('/') || text.StartsWith("unix@", StringComparison.Ordinal))
        {
            var path = text.StartsWith('/') ? text : text[5..];
            if (!path.StartsWith('/'))
            {
                error("log", $"'{text}': a unix socket target is an absolute path, such as /dev/log");
                return null;
            }

            return new LogTargetOptions { Target = text, Kind = LogTargetKind.UnixSocket, Path = path };
        }

        var family = AddressFamily.Unspecified;
        var address = text;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            (family, var known) = text[..at] switch
            {
                "udp" => (AddressFamily.Unspecified, true),
                "udp4" or "ipv4" => (AddressFamily.InterNetwork, true),
                "udp6" or "ipv6" => (AddressFamily.InterNetworkV6, true),
                _ => (AddressFamily.Unspecified, false),
            };
            if (!known)
            {
                error("log", $"'{text}': tcplb does not send logs to '{text[..(at + 1)]}' targets; use {Targets}");
                return null;
            }

            address = text[(at + 1)..];
        }

        if (!AddressParser.TryParse(address, wildcardAllowed: false, out var hostPort, out var problem))
        {
            error("log", $"'{text}' is not a log target ({problem}); use {Targets}");
            return null;
        }

        if (hostPort.Port is < 1 or > 65535)
        {
            error("log", $"'{text}': port {hostPort.Port} is not a port 1..65535");
            return null;
        }

        if (hostPort.Ip is { } ip && family != AddressFamily.Unspecified && ip.AddressFamily != family)
        {
            error("log", $"'{text}': the prefix asks for {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} but the address is not");
            return null;
        }

        return new LogTargetOptions
        {
            Target = text,
            Kind = LogTargetKind.Udp,
            Host = hostPort.Host,
            Port = hostPort.Port ?? LogTargetOptions.DefaultUdpPort,
            Family = hostPort.Ip?.AddressFamily ?? family,
        };
    }
}
