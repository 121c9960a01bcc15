namespace HaKube.Vrrpd.Configuration;

/// <summary>A sync group (vrrp_sync_group): its instances go to fault, backup or master together.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Instances">Names of the member instances (group { ... }).</param>
/// <param name="Notify">Scripts run on the group's state changes.</param>
/// <param name="TrackingWeight">Keep the weights of the members' own track scripts and file trackers (sync_group_tracking_weight; global_tracking is its old name); without it those weighted entries are ignored, as in Keepalived 2.2.7.</param>
/// <param name="TrackScripts">Track scripts every member tracks (track_script in the group), by name.</param>
/// <param name="TrackInterfaces">Interfaces every member tracks (track_interface in the group); weight null or 0: fault when down.</param>
/// <param name="TrackProcesses">Process trackers every member tracks (track_process in the group), by name.</param>
/// <param name="TrackFiles">File trackers every member tracks (track_file in the group), by name.</param>
/// <param name="TrackTcplb">tcplb trackers every member tracks, by name (native only).</param>
internal sealed record SyncGroupOptions(
    string Name = "",
    IReadOnlyList<string>? Instances = null,
    NotifyOptions? Notify = null,
    bool TrackingWeight = false,
    IReadOnlyList<TrackReference>? TrackScripts = null,
    IReadOnlyList<TrackReference>? TrackInterfaces = null,
    IReadOnlyList<TrackReference>? TrackProcesses = null,
    IReadOnlyList<TrackReference>? TrackFiles = null,
    IReadOnlyList<TrackReference>? TrackTcplb = null)
{
    /// <summary>Names of the member instances (group { ... }).</summary>
    public IReadOnlyList<string> Instances { get; init; } = Instances ?? [];

    /// <summary>Scripts run on the group's state changes.</summary>
    public NotifyOptions Notify { get; init; } = Notify ?? new();

    /// <summary>Track scripts every member tracks (track_script in the group), by name.</summary>
    public IReadOnlyList<TrackReference> TrackScripts { get; init; } = TrackScripts ?? [];

    /// <summary>Interfaces every member tracks (track_interface in the group); weight null or 0: fault when down.</summary>
    public IReadOnlyList<TrackReference> TrackInterfaces { get; init; } = TrackInterfaces ?? [];

    /// <summary>Process trackers every member tracks (track_process in the group), by name.</summary>
    public IReadOnlyList<TrackReference> TrackProcesses { get; init; } = TrackProcesses ?? [];

    /// <summary>File trackers every member tracks (track_file in the group), by name.</summary>
    public IReadOnlyList<TrackReference> TrackFiles { get; init; } = TrackFiles ?? [];

    /// <summary>tcplb trackers every member tracks, by name (native only).</summary>
    public IReadOnlyList<TrackReference> TrackTcplb { get; init; } = TrackTcplb ?? [];
}
