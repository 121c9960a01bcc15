using System.Globalization;

namespace HaKube.Bench.Fixtures;

/// <summary>Resident memory from /proc: VmRSS of a process, or of a process and all its descendants.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS in KiB, or null when the process is gone.</summary>
    public static long? RssKib(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return null; // a zombie has no VmRSS line
    }

    /// <summary>The sum of VmRSS over <paramref name="pid"/> and its descendants (keepalived and nginx fork workers), in KiB.</summary>
    public static long TreeRssKib(int pid) => Tree(pid).Sum(p => RssKib(p) ?? 0);

    /// <summary><paramref name="root"/> and every descendant, found through the ppid field of /proc/PID/stat.</summary>
    public static IReadOnlyList<int> Tree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ppid = int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture);
            if (!children.TryGetValue(ppid, out var list))
            {
                children[ppid] = list = [];
            }

            list.Add(pid);
        }

        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            if (children.TryGetValue(result[i], out var list))
            {
                result.AddRange(list);
            }
        }

        return result;
    }
}
