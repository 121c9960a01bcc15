using System.Collections.Immutable;
using System.Globalization;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// HAProxy's <c>log … sample RANGES:SIZE</c>: of every <see cref="Size"/> lines a target would take, only those whose
/// position (1 to SIZE) is in <see cref="Ranges"/> are sent ("sample 1-3,5:10" sends lines 1, 2, 3 and 5 of each ten),
/// so several targets can share the load of one busy log.
/// </summary>
internal sealed record LogSample(int Size, ImmutableArray<(int From, int To)> Ranges)
{
    /// <summary>Whether the line at <paramref name="index"/> (0 for the first line the target takes) is sent.</summary>
    public bool Takes(long index)
    {
        var position = (int)(index % Size) + 1;
        foreach (var (from, to) in Ranges)
        {
            if (position >= from && position <= to)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString()
        => string.Join(',', Ranges.Select(r => r.From == r.To ? r.From.ToString(CultureInfo.InvariantCulture) : $"{r.From}-{r.To}")) + ":" + Size.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads "RANGES:SIZE"; null with <paramref name="problem"/> saying what is wrong.</summary>
    public static LogSample? Parse(string text, out string? problem)
    {
        problem = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            problem = $"'{text}' is not RANGES:SIZE (for example 1-3,5:10: lines 1 to 3 and 5 of every 10)";
            return null;
        }

        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
        {
            problem = $"'{text[(colon + 1)..]}' is not a sample size: a whole number of lines, at least 1";
            return null;
        }

        var ranges = ImmutableArray.CreateBuilder<(int, int)>();
        foreach (var part in text[..colon].Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var fromText = dash < 0 ? part : part[..dash];
            var toText = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || from < 1 || to < from)
            {
                problem = $"'{part}' is not a range of line positions: write N or N-M with 1 ≤ N ≤ M";
                return null;
            }

            if (to > size)
            {
                problem = $"range '{part}' goes beyond the sample size {size}";
                return null;
            }

            ranges.Add((from, to));
        }

        return new LogSample(size, ranges.ToImmutable());
    }
}
