using System.Globalization;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// HAProxy's time syntax (configuration manual 2.5): an unsigned integer and an optional unit us, ms, s, m, h or d; a
/// bare number is milliseconds. Values are kept in whole milliseconds, microseconds rounded up, as HAProxy's
/// parse_time_err does; more than 2147483647 ms (~24.8 days) is an overflow.
/// </summary>
internal static class HaproxyTime
{
    public const long MaxMilliseconds = int.MaxValue;

    /// <summary>Parses <paramref name="text"/>. On success <paramref name="trailing"/> is what follows the unit (HAProxy 2.6 warns and ignores it).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan value, out string error, out string trailing)
    {
        value = default;
        trailing = "";
        var i = 0;
        ulong number = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            number = (number * 10) + (ulong)(text[i] - '0');
            if (number > MaxMilliseconds * 1000UL)
            {
                error = $"'{text}' is too large: the maximum is {MaxMilliseconds} ms (~24.8 days)";
                return false;
            }

            i++;
        }

        if (i == 0)
        {
            error = $"'{text}' is not a time: write an unsigned integer with an optional unit us, ms, s, m, h or d (a bare number is ms)";
            return false;
        }

        ulong multiply = 1, divide = 1;
        var rest = text[i..];
        if (rest.StartsWith("us", StringComparison.Ordinal))
        {
            divide = 1000;
            rest = rest[2..];
        }
        else if (rest.StartsWith("ms", StringComparison.Ordinal))
        {
            rest = rest[2..];
        }
        else if (!rest.IsEmpty)
        {
            (multiply, var ok) = rest[0] switch
            {
                's' => (1000UL, true),
                'm' => (60_000UL, true),
                'h' => (3_600_000UL, true),
                'd' => (86_400_000UL, true),
                _ => (0UL, false),
            };
            if (!ok)
            {
                error = $"unexpected character '{rest[0]}' in '{text}': the units are us, ms, s, m, h and d (a bare number is ms)";
                return false;
            }

            rest = rest[1..];
        }

        var ms = ((number * multiply) + divide - 1) / divide;
        if (ms > MaxMilliseconds)
        {
            error = $"'{text}' is too large: the maximum is {MaxMilliseconds} ms (~24.8 days)";
            return false;
        }

        value = TimeSpan.FromMilliseconds(ms);
        trailing = rest.ToString();
        error = "";
        return true;
    }

    /// <summary>Shortest exact spelling in HAProxy syntax ("50s", "1500ms", "1h").</summary>
    public static string Format(TimeSpan value)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return "infinite";
        }

        var ms = (long)value.TotalMilliseconds;
        return ms switch
        {
            0 => "0",
            _ when ms % 86_400_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ms / 86_400_000}d"),
            _ when ms % 3_600_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000}h"),
            _ when ms % 60_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ms / 60_000}m"),
            _ when ms % 1000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{ms}ms"),
        };
    }
}
