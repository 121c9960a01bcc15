namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// A process tracker (vrrp_track_process). vrrpd finds the process by name (as Keepalived) or by pid file
/// (native only) and follows it through a pidfd, so its exit is seen at once rather than at the next poll.
/// </summary>
internal sealed record TrackProcessOptions
{
    /// <summary>Name that instances reference in track_process.</summary>
    public string Name { get; init; } = "";

    /// <summary>Process name to match (process); exactly one of this and <see cref="PidFile"/>.</summary>
    public string? ProcessName { get; init; }

    /// <summary>Arguments the matching process must have been started with (the words after the name in process).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Match <see cref="ProcessName"/> against the full command path rather than the short name (full_command).</summary>
    public bool FullCommand { get; init; }

    /// <summary>Absolute path of a pid file naming the process (native only).</summary>
    public string? PidFile { get; init; }

    /// <summary>Priority change as for scripts; 0 means fault while fewer than <see cref="Quorum"/> run. Keepalived's range: -254..254.</summary>
    public int Weight { get; init; }

    /// <summary>Invert the sense of <see cref="Weight"/>.</summary>
    public bool WeightReverse { get; init; }

    /// <summary>Fewest matching processes that count as up (quorum).</summary>
    public int Quorum { get; init; } = 1;

    /// <summary>Most matching processes that count as up (quorum_max); null: no maximum.</summary>
    public int? QuorumMax { get; init; }

    /// <summary>Seconds to wait after a process ends before counting it down (terminate_delay, or delay).</summary>
    public decimal TerminateDelay { get; init; }

    /// <summary>Seconds to wait after a process starts before counting it up (fork_delay, or delay).</summary>
    public decimal ForkDelay { get; init; }
}
