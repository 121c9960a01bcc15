using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.StateMachine;

/// <summary>The settings the state machine reads; immutable, one per instance.</summary>
internal sealed record VrrpMachineSettings
{
    /// <summary>VRRP version: selects the Skew_Time formula and whether a Backup adopts the Master's interval.</summary>
    public required VrrpVersion Version { get; init; }

    /// <summary>Our primary address: the advert source, compared on equal priority (RFC 5798 6.4.3).</summary>
    public required VrrpAddress PrimaryAddress { get; init; }

    /// <summary>Advertisement_Interval in centiseconds (a whole number of seconds for v2).</summary>
    public int AdvertisementIntervalCentiseconds { get; init; } = 100;

    /// <summary>Configured priority; trackers change the effective one through PriorityChanged.</summary>
    public byte Priority { get; init; } = VrrpConstants.DefaultPriority;

    /// <summary>Preempt_Mode (RFC 5798 6.1): on by default; Keepalived's nopreempt turns it off.</summary>
    public bool Preempt { get; init; } = true;

    /// <summary>
    /// Preempt_Mode as the machine applies it: RFC 5798 6.1 (Preempt_Mode) lets the address owner always preempt, so
    /// priority 255 preempts even with nopreempt.
    /// </summary>
    public bool EffectivePreempt => Preempt || Priority == VrrpConstants.PriorityOwner;

    /// <summary>
    /// A lower-priority Master is not preempted for this long after startup (or a cleared fault), or after a Backup
    /// first hears it; an advert at our priority or above ends the wait (Keepalived's preempt_delay).
    /// </summary>
    public TimeSpan PreemptDelay { get; init; }

    /// <summary>Number of unicast peers; 0 for multicast. Only sets the default of <see cref="FastTakeoverOnPriorityZero"/>.</summary>
    public int UnicastPeerCount { get; init; }

    /// <summary>
    /// On a priority-0 advert, take over at once instead of after Skew_Time (RFC 5798 6.4.2).
    /// Null means: on when there is exactly one unicast peer, since then no other Backup competes.
    /// </summary>
    public bool? FastTakeoverOnPriorityZero { get; init; }

    /// <summary>The value <see cref="FastTakeoverOnPriorityZero"/> stands for.</summary>
    public bool EffectiveFastTakeover => FastTakeoverOnPriorityZero ?? UnicastPeerCount == 1;
}
