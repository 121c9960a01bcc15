using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.StateMachine;

/// <summary>Everything the state machine remembers about one instance between steps.</summary>
internal readonly record struct VrrpInstanceState
{
    public VrrpState State { get; init; }

    /// <summary>Effective priority (configured, adjusted by trackers); 0 counts as a fault.</summary>
    public byte Priority { get; init; }

    /// <summary>A tracker reports a fault.</summary>
    public bool Faulted { get; init; }

    /// <summary>Operator maintenance: never Master.</summary>
    public bool Maintenance { get; init; }

    /// <summary>Master_Adver_Interval (RFC 5798 6.1) in centiseconds: ours, or the Master's once a v3 Backup adopted it.</summary>
    public int MasterAdverIntervalCentiseconds { get; init; }

    /// <summary>When the armed Master_Down_Timer fires; null when not armed.</summary>
    public DateTimeOffset? MasterDownDeadline { get; init; }

    /// <summary>When the armed Adver_Timer fires; null when not armed.</summary>
    public DateTimeOffset? AdvertDeadline { get; init; }

    /// <summary>End of the preempt delay window; null when there is none.</summary>
    public DateTimeOffset? PreemptDeadline { get; init; }

    /// <summary>
    /// Forced to Backup by the sync group: a lower-priority Master is accepted, so the group is not taken back by
    /// preemption while another member of it loses its election. Ends on becoming Master, a fault, or when the
    /// Master's priority falls below <see cref="SyncGroupHoldPriority"/>.
    /// </summary>
    public bool SyncGroupHold { get; init; }

    /// <summary>While <see cref="SyncGroupHold"/>: the priority of the first Master accepted under it (0: none yet).</summary>
    public byte SyncGroupHoldPriority { get; init; }

    /// <summary>The current Master as far as we know (ourselves when Master).</summary>
    public VrrpAddress? MasterAddress { get; init; }

    /// <summary>The current Master's priority.</summary>
    public byte MasterPriority { get; init; }

    public DateTimeOffset? LastTransitionAt { get; init; }

    public VrrpTransitionReason LastTransitionReason { get; init; }

    /// <summary>Faulted, or an effective priority of 0.</summary>
    public bool IsFaulted => Faulted || Priority == 0;

    /// <summary>The state before Startup.</summary>
    public static VrrpInstanceState Initial(VrrpMachineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new VrrpInstanceState
        {
            State = VrrpState.Initialize,
            Priority = settings.Priority,
            MasterAdverIntervalCentiseconds = settings.AdvertisementIntervalCentiseconds,
        };
    }
}
