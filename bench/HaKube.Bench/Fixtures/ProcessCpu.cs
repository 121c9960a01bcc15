using System.Globalization;

namespace HaKube.Bench.Fixtures;

/// <summary>CPU time from /proc: what a process and its descendants have run, thread by thread, in nanoseconds.</summary>
internal static class ProcessCpu
{
    /// <summary>
    /// CPU time of <paramref name="root"/> and its descendants: the first field of /proc/PID/task/TID/schedstat (time on a
    /// CPU, ns) summed over every live thread. Nanosecond resolution, unlike utime/stime in clock ticks, so one download can
    /// be measured; threads that have exited are not counted (a balancer's loop threads live as long as it does).
    /// </summary>
    public static TimeSpan TreeCpuTime(int root)
    {
        long ns = 0;
        foreach (var pid in ProcessMemory.Tree(root))
        {
            IEnumerable<string> tasks;
            try
            {
                tasks = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var task in tasks)
            {
                try
                {
                    var first = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0];
                    ns += long.Parse(first, NumberStyles.None, CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The thread ended between the listing and the read.
                }
            }
        }

        return TimeSpan.FromTicks(ns / 100);
    }
}
