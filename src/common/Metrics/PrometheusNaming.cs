using System.Globalization;
using System.Text;

namespace HaKube.Common.Metrics;

/// <summary>
/// System.Diagnostics.Metrics names and values in Prometheus text format 0.0.4 terms, after OpenTelemetry's
/// Prometheus compatibility rules: "vrrp.adverts.sent" (unit "{packet}", counter) → vrrp_adverts_sent_total,
/// "tcplb.connect.duration" (unit "s", histogram) → tcplb_connect_duration_seconds.
/// </summary>
internal static class PrometheusNaming
{
    public static string MetricName(string instrumentName, string? unit, MetricKind kind)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (kind == MetricKind.Counter && name.EndsWith("_total", StringComparison.Ordinal))
        {
            name = name[..^"_total".Length];
        }

        if (UnitSuffix(unit, kind) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        return kind == MetricKind.Counter ? name + "_total" : name;
    }

    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    /// <summary>The Prometheus word for a UCUM unit, or null for none ("{packet}", "" ).</summary>
    internal static string? UnitSuffix(string? unit, MetricKind kind)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return null;
        }

        // Curly-brace annotations are comments in UCUM: "{packet}" means a plain count.
        var plain = new StringBuilder();
        var depth = 0;
        foreach (var c in unit)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0 && c != '}')
            {
                plain.Append(c);
            }
        }

        var text = plain.ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text == "1")
        {
            return kind == MetricKind.Gauge ? "ratio" : null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var per = PerUnit(text[(slash + 1)..]);
            return $"{Unit(text[..slash])}_per_{per}";
        }

        return Unit(text);
    }

    private static string Unit(string unit) => unit switch
    {
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "bit" => "bits",
        "%" => "percent",
        "Hz" => "hertz",
        _ => Sanitize(unit, allowColon: false).Trim('_'),
    };

    private static string PerUnit(string unit) => unit switch
    {
        "d" => "day",
        "h" => "hour",
        "min" => "minute",
        "s" => "second",
        _ => Unit(unit),
    };

    /// <summary>Every character outside [a-zA-Z0-9_] (and ':' for metric names) becomes '_', runs of '_' collapse.</summary>
    internal static string Sanitize(string name, bool allowColon)
    {
        var result = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (allowColon && c == ':');
            var next = ok ? c : '_';
            if (next == '_' && result.Length > 0 && result[^1] == '_')
            {
                continue;
            }

            result.Append(next);
        }

        if (result.Length == 0 || char.IsAsciiDigit(result[0]))
        {
            result.Insert(0, '_');
        }

        return result.ToString();
    }

    /// <summary>Label value escaping of the text format: backslash, double quote and line feed.</summary>
    public static void AppendLabelValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '"' => output.Append("\\\""),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }

    /// <summary>HELP text escaping: backslash and line feed.</summary>
    public static void AppendHelp(StringBuilder output, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }

    public static string Value(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A tag value as label text: IFormattable values in the invariant culture, null as "".</summary>
    public static string TagText(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
