namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// An instance's reference to a tracker (track_script, track_process, track_file, track_interface entries),
/// optionally overriding its weight as Keepalived allows (NAME weight N [reverse|noreverse]).
/// </summary>
/// <param name="Name">Tracker name, or interface name for track_interface.</param>
/// <param name="Weight">Weight for this instance; null: the tracker's own (0 for interfaces: fault when down).</param>
/// <param name="WeightReverse">
/// Invert the sense of the weight (reverse: true, noreverse: false); null: the tracker's own flag, even with a weight
/// of the reference's own (Keepalived 2.2.7's alloc_track_script and its kin start from the definition's flag).
/// </param>
/// <param name="RiseDelay">
/// Seconds a change that raises the priority (back up, a fault cleared) must hold before it counts (native only; 0: at
/// once). The time-based rise of an event-driven tracker; a track script also counts its rise in runs.
/// </param>
/// <param name="FallDelay">Seconds a change that lowers the priority (down, a fault) must hold before it counts (native only; 0: at once).</param>
internal sealed record TrackReference(
    string Name = "",
    int? Weight = null,
    bool? WeightReverse = null,
    decimal RiseDelay = 0,
    decimal FallDelay = 0)
{

}
