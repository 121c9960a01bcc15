using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.StateMachine;

/// <summary>
/// The VRRP state machine of RFC 5798 6.4 (and RFC 3768 6.4 for v2) as a pure function:
/// (settings, state, event, now) → (state, actions). It reads no clock, touches no socket and
/// logs nothing; the adapter performs the actions in order and feeds back timer events.
/// Invariant: the virtual addresses are held in Master only (added on entering, removed on leaving).
/// </summary>
internal static partial class VrrpStateMachine
{
    public static VrrpStep Step(VrrpMachineSettings settings, in VrrpInstanceState state, in VrrpEvent @event, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var actions = new VrrpActionList();
        var next = @event.Kind switch
        {
            VrrpEventKind.Startup => OnStartup(settings, state, now, ref actions),
            VrrpEventKind.Shutdown => OnShutdown(state, now, ref actions),
            VrrpEventKind.AdvertReceived => OnAdvert(settings, state, @event, now, ref actions),
            VrrpEventKind.MasterDownTimerFired => OnMasterDownTimer(settings, state, @event.Deadline, now, ref actions),
            VrrpEventKind.AdvertTimerFired => OnAdvertTimer(settings, state, @event.Deadline, now, ref actions),
            VrrpEventKind.PreemptDelayElapsed => OnPreemptDelayElapsed(settings, state, @event.Deadline, now, ref actions),
            VrrpEventKind.PriorityChanged => OnPriorityChanged(settings, state, @event.Priority, now, ref actions),
            VrrpEventKind.Fault => OnFault(state with { Faulted = true }, now, ref actions),
            VrrpEventKind.FaultCleared => OnFaultCleared(settings, state with { Faulted = false }, now, ref actions),
            VrrpEventKind.MaintenanceOn => OnMaintenanceOn(state, now, ref actions),
            VrrpEventKind.MaintenanceOff => OnMaintenanceOff(settings, state, now, ref actions),
            VrrpEventKind.SyncGroupMaster => OnSyncGroupMaster(settings, state, now, ref actions),
            VrrpEventKind.SyncGroupBackup => OnSyncGroupBackup(settings, state, now, ref actions),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.Kind, "Unknown VRRP event."),
        };
        return new VrrpStep(next, actions);
    }

    /* RFC 5798 6.4.1 */
    private static VrrpInstanceState OnStartup(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (state.State != VrrpState.Initialize)
        {
            return state;
        }

        if (state.IsFaulted)
        {
            return EnterFault(state, now, ref actions);
        }

        /* RFC 5798 6.4.1: the address owner (priority 255) becomes Master at once */
        return state.Priority == VrrpConstants.PriorityOwner && !state.Maintenance
            ? BecomeMaster(settings, state, VrrpTransitionReason.AddressOwner, now, ref actions)
            : EnterBackup(settings, state, VrrpTransitionReason.Startup, now, ref actions);
    }

    /* RFC 5798 6.4.2 and 6.4.3: Shutdown */
    private static VrrpInstanceState OnShutdown(in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (state.State == VrrpState.Initialize)
        {
            return state;
        }

        return StopParticipating(state, VrrpState.Initialize, VrrpTransitionReason.Shutdown, now, ref actions);
    }

    /* RFC 5798 6.4.2: Master_Down_Timer fires */
    private static VrrpInstanceState OnMasterDownTimer(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset deadline, DateTimeOffset now, ref VrrpActionList actions)
    {
        // A fire for a timer since re-armed or cancelled is stale: the event raced with the step that moved it.
        if (state.State != VrrpState.Backup || state.MasterDownDeadline != deadline)
        {
            return state;
        }

        return state.Maintenance
            ? state with { MasterDownDeadline = null }
            : BecomeMaster(settings, state, VrrpTransitionReason.MasterDown, now, ref actions);
    }

    /* RFC 5798 6.4.3: Adver_Timer fires */
    private static VrrpInstanceState OnAdvertTimer(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset deadline, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (state.State != VrrpState.Master || state.AdvertDeadline != deadline)
        {
            return state;
        }

        return SendAdvertAndRearm(settings, state, now, ref actions);
    }

    /// <summary>
    /// The preempt delay is over: a lower-priority Master we tolerated is preempted now rather than
    /// after one more Master_Down_Interval of discarded adverts, which is where RFC 5798 6.4.2 would end.
    /// </summary>
    private static VrrpInstanceState OnPreemptDelayElapsed(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset deadline, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (state.PreemptDeadline != deadline)
        {
            return state;
        }

        var next = state with { PreemptDeadline = null };
        var lowerMasterAlive = next.State == VrrpState.Backup && next.MasterDownDeadline is not null
            && next.MasterAddress is not null && next.MasterPriority < next.Priority;
        return lowerMasterAlive && settings.EffectivePreempt && !next.Maintenance
            ? BecomeMaster(settings, next, VrrpTransitionReason.PreemptDelayElapsed, now, ref actions)
            : next;
    }
}
