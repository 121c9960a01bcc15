namespace HaKube.Vrrpd.Daemon.Admin;

/// <summary>The reply to the admin command "status".</summary>
internal sealed record DaemonStatus
{
    public required int Pid { get; init; }

    public string? RouterId { get; init; }

    public required string ConfigPath { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required bool Maintenance { get; init; }

    public required IReadOnlyList<InstanceStatus> Instances { get; init; }
}
