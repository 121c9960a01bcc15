namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>
/// Expands an include pattern as glob(3) does for Keepalived: '*', '?' and '[...]' in any path segment,
/// no match of a leading '.' by a wildcard, results sorted.
/// </summary>
internal static class IncludeGlob
{
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>Files matching <paramref name="pattern"/>; a relative pattern is taken from <paramref name="baseDirectory"/>.</summary>
    public static IReadOnlyList<string> Expand(string pattern, string baseDirectory)
    {
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(baseDirectory, pattern);
        if (!HasWildcards(full))
        {
            return File.Exists(full) ? [full] : [];
        }

        var segments = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        List<string> current = ["/"];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            List<string> next = [];
            foreach (var dir in current)
            {
                if (!HasWildcards(segment))
                {
                    var candidate = Path.Combine(dir, segment);
                    if (last ? File.Exists(candidate) : Directory.Exists(candidate))
                    {
                        next.Add(candidate);
                    }

                    continue;
                }

                if (!Directory.Exists(dir))
                {
                    continue;
                }

                var entries = last ? Directory.EnumerateFiles(dir) : Directory.EnumerateDirectories(dir);
                next.AddRange(entries.Where(e => Matches(Path.GetFileName(e), segment)));
            }

            next.Sort(StringComparer.Ordinal);
            current = next;
        }

        return current;
    }

    /// <summary>fnmatch(3) without flags other than "a leading dot must be matched literally".</summary>
    public static bool Matches(string name, string pattern)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.'))
        {
            return false;
        }

        return Match(name.AsSpan(), pattern.AsSpan());
    }

    private static bool Match(ReadOnlySpan<char> name, ReadOnlySpan<char> pattern)
    {
        while (pattern.Length > 0)
        {
            switch (pattern[0])
            {
                case '*':
                    pattern = pattern[1..];
                    for (var skip = 0; skip <= name.Length; skip++)
                    {
                        if (Match(name[skip..], pattern))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (name.Length == 0)
                    {
                        return false;
                    }

                    break;
                case '[':
                    var close = pattern[1..].IndexOf(']');
                    if (close < 0)
                    {
                        goto default; // a lone '[' is literal
                    }

                    if (name.Length == 0 || !InClass(name[0], pattern.Slice(1, close)))
                    {
                        return false;
                    }

                    pattern = pattern[(close + 2)..];
                    name = name[1..];
                    continue;
                default:
                    if (name.Length == 0 || name[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            name = name[1..];
        }

        return name.Length == 0;
    }

    private static bool InClass(char c, ReadOnlySpan<char> set)
    {
        var negate = set.Length > 0 && (set[0] == '!' || set[0] == '^');
        if (negate)
        {
            set = set[1..];
        }

        var found = false;
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                found |= c >= set[i] && c <= set[i + 2];
                i += 2;
            }
            else
            {
                found |= c == set[i];
            }
        }

        return found != negate;
    }
}
