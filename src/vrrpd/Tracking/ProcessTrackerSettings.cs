namespace HaKube.Vrrpd.Tracking;

/// <summary>One vrrp_track_process as the tracker applies it.</summary>
/// <param name="Name">Tracker name.</param>
/// <param name="Weight">Priority change (0: fault without quorum).</param>
/// <param name="WeightReverse">Invert the sense of the weight.</param>
/// <param name="Quorum">Fewest running processes that count as up.</param>
/// <param name="QuorumMax">Most running processes that count as up; null: no maximum.</param>
/// <param name="ForkDelay">How long quorum must hold before the tracker turns up (fork_delay).</param>
/// <param name="TerminateDelay">How long quorum must be lost before the tracker turns down (terminate_delay).</param>
internal sealed record ProcessTrackerSettings(
    string Name,
    int Weight = 0,
    bool WeightReverse = false,
    int Quorum = 1,
    int? QuorumMax = null,
    TimeSpan ForkDelay = default,
    TimeSpan TerminateDelay = default)
{
    /// <summary>Keepalived's quorum rule: up while quorum &lt;= count &lt;= quorum_max.</summary>
    public bool HasQuorum(int count) => count >= Quorum && (QuorumMax is not { } max || count <= max);
}
