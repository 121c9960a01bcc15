using System.Globalization;

namespace HaKube.Vrrpd.Tracking;

/// <summary>Keepalived's track_file rules (pure): how the file's text reads as a number, and what the number does to the priority.</summary>
internal static class TrackFileValue
{
    /// <summary>Keepalived's lowest per-tracker contribution: a contribution at or below it puts the instance in fault.</summary>
    public const int FaultContribution = -254;

    /// <summary>Keepalived's highest per-tracker contribution; more is cut to it.</summary>
    public const int MaxContribution = 253;

    /// <summary>
    /// Reads the number as Keepalived does (strtol base 0): leading blanks, an optional sign, 0x for hex, a
    /// leading 0 for octal, then as many digits as parse; no digits at all read as 0 (so an empty file is 0).
    /// False only when the number is out of the 32-bit range (Keepalived then keeps the last value).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long value, out bool hadDigits)
    {
        value = 0;
        hadDigits = false;
        var s = text.TrimStart();
        var negative = false;
        if (!s.IsEmpty && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        var radix = 10;
        if (s.Length >= 2 && s[0] == '0' && s[1] is 'x' or 'X' && s.Length > 2 && char.IsAsciiHexDigit(s[2]))
        {
            radix = 16;
            s = s[2..];
        }
        else if (s.Length >= 1 && s[0] == '0')
        {
            radix = 8;
        }

        var magnitude = 0L;
        foreach (var c in s)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? (char.ToLowerInvariant(c) - 'a' + 10) : 99;
            if (digit >= radix)
            {
                break;
            }

            hadDigits = true;
            magnitude = (magnitude * radix) + digit;
            if (magnitude > (long)int.MaxValue + 1)
            {
                return false;
            }
        }

        value = negative ? -magnitude : magnitude;
        return value is >= int.MinValue and <= (long)int.MaxValue + 1;
    }

    /// <summary>
    /// What <paramref name="value"/> does to the priority (Keepalived's update_track_file_status): with weight 0 a
    /// non-zero value is a fault (a zero one with reverse); otherwise value × weight (negated with reverse) is
    /// added, cut to -254..253, and -254 is a fault.
    /// </summary>
    public static TrackerStatus ToStatus(string name, long value, int weight, bool reverse)
    {
        if (weight == 0)
        {
            var fault = reverse ? value == 0 : value != 0;
            return new TrackerStatus(name, TrackerKind.File, !fault, 0,
                Detail: string.Create(CultureInfo.InvariantCulture, $"value {value}{(fault ? ": fault" : "")}"));
        }

        var product = Math.Clamp(value * weight * (reverse ? -1 : 1), FaultContribution, MaxContribution);
        return product == FaultContribution
            ? new TrackerStatus(name, TrackerKind.File, false, 0,
                Detail: string.Create(CultureInfo.InvariantCulture, $"value {value} × weight {weight}{(reverse ? " reverse" : "")} reaches {FaultContribution}: fault"))
            : new TrackerStatus(name, TrackerKind.File, true, weight, (int)product,
                string.Create(CultureInfo.InvariantCulture, $"value {value} × weight {weight}{(reverse ? " reverse" : "")} = {product:+#;-#;0}"));
    }
}
