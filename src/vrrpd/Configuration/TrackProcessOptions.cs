namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// A process tracker (vrrp_track_process). vrrpd finds the process by name (as Keepalived) or by pid file
/// (native only) and follows it through a pidfd, so its exit is seen at once rather than at the next poll.
/// </summary>
/// <param name="Name">Name that instances reference in track_process.</param>
/// <param name="ProcessName">Process name to match (process); exactly one of this and <see cref="PidFile"/>.</param>
/// <param name="Arguments">Arguments the matching process must have been started with (the words after the name in process).</param>
/// <param name="FullCommand">Match <see cref="ProcessName"/> against the full command path rather than the short name (full_command).</param>
/// <param name="PidFile">Absolute path of a pid file naming the process (native only).</param>
/// <param name="Weight">Priority change as for scripts; 0 means fault while fewer than <see cref="Quorum"/> run. Keepalived's range: -254..254.</param>
/// <param name="WeightReverse">Invert the sense of <see cref="Weight"/>.</param>
/// <param name="Quorum">Fewest matching processes that count as up (quorum).</param>
/// <param name="QuorumMax">Most matching processes that count as up (quorum_max); null: no maximum.</param>
/// <param name="TerminateDelay">Seconds to wait after a process ends before counting it down (terminate_delay, or delay).</param>
/// <param name="ForkDelay">Seconds to wait after a process starts before counting it up (fork_delay, or delay).</param>
internal sealed record TrackProcessOptions(
    string Name = "",
    string? ProcessName = null,
    IReadOnlyList<string>? Arguments = null,
    bool FullCommand = false,
    string? PidFile = null,
    int Weight = 0,
    bool WeightReverse = false,
    int Quorum = 1,
    int? QuorumMax = null,
    decimal TerminateDelay = 0,
    decimal ForkDelay = 0)
{
    /// <summary>Arguments the matching process must have been started with (the words after the name in process).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = Arguments ?? [];
}
