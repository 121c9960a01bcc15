using System.Globalization;

namespace HaKube.NetLab;

/// <summary>Reads process facts from /proc. A zombie is dead here: PID 1 on the test machine reaps late.</summary>
public static class ProcFs
{
    /// <summary>True when the process exists and is neither a zombie nor dead.</summary>
    public static bool IsRunning(int pid) => TryReadStat(pid, out var state, out _) && state is not ('Z' or 'X');

    /// <summary>The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or null.</summary>
    public static ulong? StartTime(int pid) => TryReadStat(pid, out _, out var start) ? start : null;

    /// <summary>The inode of the process's network namespace, or null when the process is gone.</summary>
    public static ulong? NetNamespaceInode(int pid) => NamespaceInode(pid, "net");

    internal static ulong? NamespaceInode(int pid, string kind)
    {
        try
        {
            // The link reads "net:[4026531840]".
            var target = new FileInfo($"/proc/{pid}/ns/{kind}").LinkTarget;
            if (target is null)
            {
                return null;
            }

            var open = target.IndexOf('[', StringComparison.Ordinal);
            var close = target.IndexOf(']', StringComparison.Ordinal);
            return open > 0 && close > open
                && ulong.TryParse(target.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
                ? inode : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every PID currently listed in /proc.</summary>
    public static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static bool TryReadStat(int pid, out char state, out ulong startTime)
    {
        state = '\0';
        startTime = 0;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) S ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return false;
        }

        var fields = text[(close + 2)..].Split(' ');
        state = fields[0][0];
        // Field 22 overall is index 19 after "pid (comm)".
        return fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out startTime);
    }
}
