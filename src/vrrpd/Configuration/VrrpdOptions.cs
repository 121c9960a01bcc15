namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// Everything vrrpd runs from, whichever file it came from (the native JSON or a keepalived.conf).
/// Trackers are defined once by name and referenced from instances, as in Keepalived.
/// </summary>
/// <param name="Global">Settings for the whole daemon (Keepalived's global_defs).</param>
/// <param name="TrackScripts">Track scripts (vrrp_script), run periodically.</param>
/// <param name="TrackProcesses">Process trackers (vrrp_track_process), followed through pidfds.</param>
/// <param name="TrackFiles">File trackers (track_file / vrrp_track_file).</param>
/// <param name="TrackTcplb">Trackers of the local tcplb through its admin socket (native format only).</param>
/// <param name="Instances">VRRP instances (vrrp_instance), one virtual router each.</param>
/// <param name="SyncGroups">Sync groups (vrrp_sync_group): instances that change state together.</param>
internal sealed record VrrpdOptions(
    GlobalOptions? Global = null,
    IReadOnlyList<TrackScriptOptions>? TrackScripts = null,
    IReadOnlyList<TrackProcessOptions>? TrackProcesses = null,
    IReadOnlyList<TrackFileOptions>? TrackFiles = null,
    IReadOnlyList<TcplbTrackerOptions>? TrackTcplb = null,
    IReadOnlyList<VrrpInstanceOptions>? Instances = null,
    IReadOnlyList<SyncGroupOptions>? SyncGroups = null)
{
    /// <summary>Settings for the whole daemon (Keepalived's global_defs).</summary>
    public GlobalOptions Global { get; init; } = Global ?? new();

    /// <summary>Track scripts (vrrp_script), run periodically.</summary>
    public IReadOnlyList<TrackScriptOptions> TrackScripts { get; init; } = TrackScripts ?? [];

    /// <summary>Process trackers (vrrp_track_process), followed through pidfds.</summary>
    public IReadOnlyList<TrackProcessOptions> TrackProcesses { get; init; } = TrackProcesses ?? [];

    /// <summary>File trackers (track_file / vrrp_track_file).</summary>
    public IReadOnlyList<TrackFileOptions> TrackFiles { get; init; } = TrackFiles ?? [];

    /// <summary>Trackers of the local tcplb through its admin socket (native format only).</summary>
    public IReadOnlyList<TcplbTrackerOptions> TrackTcplb { get; init; } = TrackTcplb ?? [];

    /// <summary>VRRP instances (vrrp_instance), one virtual router each.</summary>
    public IReadOnlyList<VrrpInstanceOptions> Instances { get; init; } = Instances ?? [];

    /// <summary>Sync groups (vrrp_sync_group): instances that change state together.</summary>
    public IReadOnlyList<SyncGroupOptions> SyncGroups { get; init; } = SyncGroups ?? [];
}
