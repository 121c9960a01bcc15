namespace HaKube.Installer.Lab;

/// <summary>Everything recorded during a failover, before analysis.</summary>
internal sealed record FailoverObservation
{
    public required LabMode Mode { get; init; }

    /// <summary>What was done at <see cref="KilledAt"/>.</summary>
    public LabFault Fault { get; init; } = LabFault.Balancer;

    /// <summary>The fault in words ("vrrpd (pid 42) stopped on lb1 with SIGTERM"); null for the balancer kill's usual wording.</summary>
    public string? FaultDescription { get; init; }

    /// <summary>The host the fault hit: the old holder, or the master whose apiserver was killed.</summary>
    public string? FaultHost { get; init; }
    public required string OldHolder { get; init; }
    public required string OtherNode { get; init; }
    public required string KilledProcess { get; init; }

    /// <summary>The PID of the killed process; null when no process was (a node cut off).</summary>
    public required int? KilledPid { get; init; }
    public required DateTimeOffset KilledAt { get; init; }
    public string? OldMac { get; init; }

    /// <summary>
    /// A load balancer cut off from the network (the node fault): whatever it holds, no other host can reach it, so
    /// its copy of the VIP does not count as "on both".
    /// </summary>
    public string? IsolatedNode { get; init; }

    /// <summary>The MAC of eth0 on each load balancer.</summary>
    public required IReadOnlyDictionary<string, string> Macs { get; init; }
    public required IReadOnlyList<ProbeRecord> Probes { get; init; }
    public required IReadOnlyList<AddressEvent> AddressEvents { get; init; }
    public required IReadOnlyList<NeighbourEvent> NeighbourEvents { get; init; }

    /// <summary>What the stack's emulated service manager did after the fault (vrrpd's ExecStopPost).</summary>
    public IReadOnlyList<StackAction> StackActions { get; init; } = [];

    /// <summary>Who held the VIP when the measurement ended.</summary>
    public required IReadOnlyList<string> FinalHolders { get; init; }
}
