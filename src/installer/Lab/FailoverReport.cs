namespace HaKube.Installer.Lab;

/// <summary>
/// The result of `lab failover`: a fault (by default the balancer on the VIP holder killed) while the client probed
/// through the VIP. Times are milliseconds after the fault; null when it was not observed.
/// </summary>
internal sealed record FailoverReport
{
    public required LabMode Mode { get; init; }

    /// <summary>What was done (absent in reports from before faults could be chosen: the balancer kill).</summary>
    public LabFault Fault { get; init; } = LabFault.Balancer;

    /// <summary>The fault in words, e.g. "vrrpd (pid 42) stopped on lb1 with SIGTERM".</summary>
    public string? FaultDescription { get; init; }

    /// <summary>The host the fault hit: the VIP holder, or master1 for an apiserver.</summary>
    public string? FaultHost { get; init; }
    public required string OldHolder { get; init; }
    public string? NewHolder { get; init; }
    public required string KilledProcess { get; init; }

    /// <summary>Null when no process was killed (a node cut off).</summary>
    public int? KilledPid { get; init; }
    public required DateTimeOffset KilledAt { get; init; }
    public double? VipRemovedFromOldMs { get; init; }
    public double? VipAddedToNewMs { get; init; }
    public string? OldMac { get; init; }
    public string? NewMac { get; init; }

    /// <summary>When the client's neighbour entry for the VIP first showed the new holder's MAC.</summary>
    public double? NeighbourChangedMs { get; init; }

    /// <summary>
    /// Below this, an overlap says nothing: the address events come from two `ip -ts monitor` processes (one per load
    /// balancer) that stamp each event when they read it, so their clocks of events differ by scheduling delays of
    /// about a millisecond on an idle machine, more under load.
    /// </summary>
    public const double TimestampResolutionMs = 2.0;

    /// <summary>
    /// True when the VIP was on both load balancers at some moment (as far as the monitors' timestamps tell). A node
    /// cut off from the network does not count: nobody can reach its copy.
    /// </summary>
    public required bool BothHeldVip { get; init; }

    /// <summary>How long both held it, in all.</summary>
    public required double BothHeldMs { get; init; }

    /// <summary>
    /// Both still held it when the measurement ended: a SIGKILLed keepalived cannot remove its VIP and its unit has no
    /// hook that does (`lab restore` does); a SIGKILLed vrrpd's is removed at once by `vrrpd --release` (ExecStopPost).
    /// </summary>
    public bool VipOnBothAtEnd { get; init; }
    public required ProbeSummary Tcp { get; init; }
    public required ProbeSummary Tls { get; init; }
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>Every probe and VIP change, for `lab demo --plot`; null in reports from before it was recorded.</summary>
    public FailoverTrace? Trace { get; init; }

    /// <summary>True when the fault should move the VIP: every fault but an apiserver's, which lies behind the balancers.</summary>
    public bool VipExpectedToMove => LabFaults.MovesVip(Fault);

    /// <summary>The VIP moved to the other load balancer.</summary>
    public bool VipMoved => NewHolder is not null;

    /// <summary>The VIP went where the fault should send it (the peer, or nowhere for an apiserver) and both kinds of probe passed again.</summary>
    public bool Recovered => VipMoved == VipExpectedToMove && Tcp.Recovered && Tls.Recovered;
}
