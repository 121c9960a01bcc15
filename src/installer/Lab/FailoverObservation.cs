namespace HaKube.Installer.Lab;

/// <summary>Everything recorded during a failover, before analysis.</summary>
internal sealed record FailoverObservation
{
    public required LabMode Mode { get; init; }
    public required string OldHolder { get; init; }
    public required string OtherNode { get; init; }
    public required string KilledProcess { get; init; }
    public required int KilledPid { get; init; }
    public required DateTimeOffset KilledAt { get; init; }
    public string? OldMac { get; init; }

    /// <summary>The MAC of eth0 on each load balancer.</summary>
    public required IReadOnlyDictionary<string, string> Macs { get; init; }
    public required IReadOnlyList<ProbeRecord> Probes { get; init; }
    public required IReadOnlyList<AddressEvent> AddressEvents { get; init; }
    public required IReadOnlyList<NeighbourEvent> NeighbourEvents { get; init; }

    /// <summary>Who held the VIP when the measurement ended.</summary>
    public required IReadOnlyList<string> FinalHolders { get; init; }
}
