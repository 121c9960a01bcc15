namespace HaKube.Vrrpd.Configuration;

/// <summary>A sync group (vrrp_sync_group): its instances go to fault, backup or master together.</summary>
internal sealed record SyncGroupOptions
{
    /// <summary>Group name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Names of the member instances (group { ... }).</summary>
    public IReadOnlyList<string> Instances { get; init; } = [];

    /// <summary>Scripts run on the group's state changes.</summary>
    public NotifyOptions Notify { get; init; } = new();

    /// <summary>Apply member tracker weights to every member (sync_group_tracking_weight; global_tracking is its old name).</summary>
    public bool TrackingWeight { get; init; }
}
