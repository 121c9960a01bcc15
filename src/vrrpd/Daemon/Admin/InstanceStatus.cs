namespace HaKube.Vrrpd.Daemon.Admin;

/// <summary>One instance as `vrrpd status` shows it.</summary>
internal sealed record InstanceStatus
{
    public required string Name { get; init; }

    public required string Interface { get; init; }

    public required int VirtualRouterId { get; init; }

    public required int Version { get; init; }

    /// <summary>Initialize, Backup, Master or Fault.</summary>
    public required string State { get; init; }

    public required int BasePriority { get; init; }

    /// <summary>The priority advertised now (base adjusted by the trackers).</summary>
    public required int EffectivePriority { get; init; }

    public required bool Faulted { get; init; }

    /// <summary>Why the instance is in fault: "link eth0 down", tracker names.</summary>
    public required IReadOnlyList<string> FaultReasons { get; init; }

    public required bool Maintenance { get; init; }

    public required string SourceAddress { get; init; }

    /// <summary>Unicast peers; empty for multicast.</summary>
    public required IReadOnlyList<string> Peers { get; init; }

    /// <summary>The current master's address as far as this node knows (its own when master); null when unknown.</summary>
    public string? MasterAddress { get; init; }

    public int MasterPriority { get; init; }

    /// <summary>ADDRESS/PREFIX of every virtual address.</summary>
    public required IReadOnlyList<string> VirtualAddresses { get; init; }

    public required IReadOnlyList<TrackerInfo> Trackers { get; init; }

    public required long AdvertsSent { get; init; }

    public required long AdvertSendFailures { get; init; }

    /// <summary>Adverts that passed every receive check.</summary>
    public required long AdvertsReceived { get; init; }

    /// <summary>Accepted adverts whose address list differed from this instance's (virtual_ipaddress differs between nodes).</summary>
    public long AddressListMismatches { get; init; }

    /// <summary>Packets dropped, by reason (only the reasons seen).</summary>
    public required IReadOnlyDictionary<string, long> Drops { get; init; }

    public TransitionInfo? LastTransition { get; init; }
}
