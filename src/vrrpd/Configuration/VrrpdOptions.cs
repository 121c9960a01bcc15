namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// Everything vrrpd runs from, whichever file it came from (the native JSON or a keepalived.conf).
/// Trackers are defined once by name and referenced from instances, as in Keepalived.
/// </summary>
internal sealed record VrrpdOptions
{
    /// <summary>Settings for the whole daemon (Keepalived's global_defs).</summary>
    public GlobalOptions Global { get; init; } = new();

    /// <summary>Track scripts (vrrp_script), run periodically.</summary>
    public IReadOnlyList<TrackScriptOptions> TrackScripts { get; init; } = [];

    /// <summary>Process trackers (vrrp_track_process), followed through pidfds.</summary>
    public IReadOnlyList<TrackProcessOptions> TrackProcesses { get; init; } = [];

    /// <summary>File trackers (track_file / vrrp_track_file).</summary>
    public IReadOnlyList<TrackFileOptions> TrackFiles { get; init; } = [];

    /// <summary>Trackers of the local tcplb through its admin socket (native format only).</summary>
    public IReadOnlyList<TcplbTrackerOptions> TrackTcplb { get; init; } = [];

    /// <summary>VRRP instances (vrrp_instance), one virtual router each.</summary>
    public IReadOnlyList<VrrpInstanceOptions> Instances { get; init; } = [];

    /// <summary>Sync groups (vrrp_sync_group): instances that change state together.</summary>
    public IReadOnlyList<SyncGroupOptions> SyncGroups { get; init; } = [];
}
