namespace HaKube.Installer.Lab;

/// <summary>
/// The lab directory's state.json: written by the supervisor (atomically, on every change), read by
/// `lab status`, `lab down` and the tests.
/// </summary>
internal sealed record LabState
{
    public int Version { get; init; } = 1;
    public required LabMode Mode { get; init; }
    public required LabPhase Phase { get; init; }
    public string? Error { get; init; }

    /// <summary>The NetLab run name ("hakube-PID-1"); every namespace of the lab starts with it.</summary>
    public required string LabName { get; init; }
    public required int SupervisorPid { get; init; }

    /// <summary>The supervisor's start time in clock ticks since boot (/proc/PID/stat field 22), so a reused PID is never signalled.</summary>
    public required ulong SupervisorStartTime { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string Vip { get; init; }
    public required int Port { get; init; }
    public required string CaFile { get; init; }
    public string? BinDirectory { get; init; }

    /// <summary>The VRRP advertisement interval both load balancers run, in seconds (`lab up --advert-int`).</summary>
    public decimal AdvertInt { get; init; } = 1m;

    /// <summary>The VRRP version they run with it; 0 in state files from before it was recorded.</summary>
    public int VrrpVersion { get; init; }
    public IReadOnlyList<LabHostState> Hosts { get; init; } = [];
}
