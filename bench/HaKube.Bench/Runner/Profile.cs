namespace HaKube.Bench.Runner;

/// <summary>How much each part measures: run counts and durations. Quick fits the whole run in under 5 minutes once built, full in about 25.</summary>
internal sealed record Profile
{
    public required string Name { get; init; }

    /// <summary>Rounds of the data-plane measurements (TLS connections/s, kept-alive rate, latency) per target.</summary>
    public int WrkRuns { get; init; }

    /// <summary>
    /// One-second latency slices per target in each round. A slice's end-to-end p99 is its hundred slowest requests, and
    /// a quarter to a third of the slices are stall seconds on this machine: with the full profile's 32 the median's 95%
    /// interval is about ±75 µs wide, more than a balancer's hop differs by. The time in the balancer, captured during
    /// the same slices, leaves the client's and backends' time out: its interval was about ±5 µs with 32.
    /// </summary>
    public int LatencySlices { get; init; }

    /// <summary>Duration of one wrk run.</summary>
    public TimeSpan WrkDuration { get; init; }

    /// <summary>Downloads of the 64 MiB body per target.</summary>
    public int BulkRuns { get; init; }

    /// <summary>Runs of the 5,000-idle-connection test per balancer.</summary>
    public int IdleRuns { get; init; }

    /// <summary>RSS samples of each daemon at rest, one per second.</summary>
    public int RestSamples { get; init; }

    /// <summary>Failover runs per scenario and system.</summary>
    public int FailoverRuns { get; init; }

    /// <summary>Failover variants run in this profile, by position in FailoverBench.Variants; null for all.</summary>
    public IReadOnlySet<int>? FailoverVariants { get; init; }

    /// <summary>Wall-clock bound of the whole lab step; parts still to run when it passes are reported as not measured.</summary>
    public TimeSpan Budget { get; init; }

    public static Profile Quick { get; } = new()
    {
        Name = "quick",
        WrkRuns = 3,
        WrkDuration = TimeSpan.FromSeconds(1),
        LatencySlices = 1,
        BulkRuns = 5,
        IdleRuns = 2,
        RestSamples = 3,
        FailoverRuns = 2,
        // The balancer kill and the apiserver kill, advert_int 1 s: the two headline targets.
        FailoverVariants = new HashSet<int> { 0, 2 },
        Budget = TimeSpan.FromMinutes(5),
    };

    public static Profile Full { get; } = new()
    {
        Name = "full",
        WrkRuns = 4,
        WrkDuration = TimeSpan.FromSeconds(3),
        LatencySlices = 8,
        BulkRuns = 32,
        IdleRuns = 3,
        RestSamples = 5,
        FailoverRuns = 10,
        // Every variant but the node death at advert_int 1 s (7): there both stacks wait out the same protocol timer
        // (Master_Down_Interval, 3.66 s), which variant 8 shows at 0.1 s, and its 2 × 10 runs take 2.4 of the
        // 25 minutes. `lab --parts failover --variants 7` measures it.
        FailoverVariants = new HashSet<int> { 0, 1, 2, 3, 4, 5, 6, 8 },
        Budget = TimeSpan.FromMinutes(33),
    };
}
