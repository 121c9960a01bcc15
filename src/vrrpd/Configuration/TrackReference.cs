namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// An instance's reference to a tracker (track_script, track_process, track_file, track_interface entries),
/// optionally overriding its weight as Keepalived allows (NAME weight N [reverse]).
/// </summary>
internal sealed record TrackReference
{
    /// <summary>Tracker name, or interface name for track_interface.</summary>
    public string Name { get; init; } = "";

    /// <summary>Weight for this instance; null: the tracker's own (0 for interfaces: fault when down).</summary>
    public int? Weight { get; init; }

    /// <summary>Invert the sense of the weight (reverse).</summary>
    public bool WeightReverse { get; init; }
}
