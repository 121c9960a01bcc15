using System.Globalization;

namespace HaKube.Tcplb.Runtime;

/// <summary>The process's memory for <c>tcplb status</c>: what the kernel holds resident, and what the GC manages.</summary>
internal sealed record MemoryStatus
{
    /// <summary>Resident set size (the RSS that ps and systemd show), from /proc/self/statm.</summary>
    public long ResidentBytes { get; init; }

    /// <summary>The managed heap after the last collection.</summary>
    public long GcHeapBytes { get; init; }

    /// <summary>Memory the GC has committed (heap plus free space it keeps).</summary>
    public long GcCommittedBytes { get; init; }

    /// <summary>The most the GC lets gen0 grow between collections (the binary's GCgen0size sets it; see the project file).</summary>
    public long Gen0BudgetMaxBytes { get; init; }

    public int Gen0Collections { get; init; }

    public int Gen2Collections { get; init; }

    public static MemoryStatus Current()
    {
        var info = GC.GetGCMemoryInfo();
        return new MemoryStatus
        {
            ResidentBytes = ResidentBytesNow(),
            GcHeapBytes = info.HeapSizeBytes,
            GcCommittedBytes = info.TotalCommittedBytes,
            Gen0BudgetMaxBytes = GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var budget) ? Convert.ToInt64(budget, CultureInfo.InvariantCulture) : 0,
            Gen0Collections = GC.CollectionCount(0),
            Gen2Collections = GC.CollectionCount(2),
        };
    }

    /// <summary>The second field of /proc/self/statm (resident pages) in bytes; 0 where it cannot be read.</summary>
    private static long ResidentBytesNow()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return fields.Length > 1 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pages) ? pages * Environment.SystemPageSize : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
