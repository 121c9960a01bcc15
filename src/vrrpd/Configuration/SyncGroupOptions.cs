namespace HaKube.Vrrpd.Configuration;

/// <summary>A sync group (vrrp_sync_group): its instances go to fault, backup or master together.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Instances">Names of the member instances (group { ... }).</param>
/// <param name="Notify">Scripts run on the group's state changes.</param>
/// <param name="TrackingWeight">Apply member tracker weights to every member (sync_group_tracking_weight; global_tracking is its old name).</param>
internal sealed record SyncGroupOptions(
    string Name = "",
    IReadOnlyList<string>? Instances = null,
    NotifyOptions? Notify = null,
    bool TrackingWeight = false)
{
    /// <summary>Names of the member instances (group { ... }).</summary>
    public IReadOnlyList<string> Instances { get; init; } = Instances ?? [];

    /// <summary>Scripts run on the group's state changes.</summary>
    public NotifyOptions Notify { get; init; } = Notify ?? new();
}
