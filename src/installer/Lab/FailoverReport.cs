namespace HaKube.Installer.Lab;

/// <summary>
/// The result of `lab failover`: the balancer on the VIP holder was killed while the client probed through the
/// VIP. Times are milliseconds after the kill; null when it was not observed.
/// </summary>
internal sealed record FailoverReport
{
    public required LabMode Mode { get; init; }
    public required string OldHolder { get; init; }
    public string? NewHolder { get; init; }
    public required string KilledProcess { get; init; }
    public required int KilledPid { get; init; }
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

    /// <summary>True when the VIP was on both load balancers at some moment (as far as the monitors' timestamps tell).</summary>
    public required bool BothHeldVip { get; init; }

    /// <summary>How long both held it, in all.</summary>
    public required double BothHeldMs { get; init; }
    public required ProbeSummary Tcp { get; init; }
    public required ProbeSummary Tls { get; init; }
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>Every probe and VIP change, for `lab demo --plot`; null in reports from before it was recorded.</summary>
    public FailoverTrace? Trace { get; init; }

    /// <summary>The VIP moved and both kinds of probe passed again.</summary>
    public bool Recovered => NewHolder is not null && Tcp.Recovered && Tls.Recovered;
}
