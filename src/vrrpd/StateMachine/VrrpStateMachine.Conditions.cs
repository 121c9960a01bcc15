namespace HaKube.Vrrpd.StateMachine;

internal static partial class VrrpStateMachine
{
    /// <summary>Trackers moved the effective priority; 0 is a fault.</summary>
    private static VrrpInstanceState OnPriorityChanged(VrrpMachineSettings settings, in VrrpInstanceState state, byte priority, DateTimeOffset now, ref VrrpActionList actions)
    {
        var next = state with { Priority = priority };
        if (priority == state.Priority)
        {
            return next;
        }

        switch (next.State)
        {
            case VrrpState.Backup or VrrpState.Master when next.IsFaulted:
                return EnterFault(next, now, ref actions);
            case VrrpState.Fault:
                return LeaveFault(settings, next, now, ref actions);
            case VrrpState.Master:
                // Tell the Backups now rather than at the next Adver_Timer.
                return SendAdvertAndRearm(settings, next with { MasterPriority = priority }, now, ref actions);
            default:
                return next;
        }
    }

    private static VrrpInstanceState OnFault(in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions) =>
        state.State is VrrpState.Backup or VrrpState.Master ? EnterFault(state, now, ref actions) : state;

    private static VrrpInstanceState OnFaultCleared(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions) =>
        LeaveFault(settings, state, now, ref actions);

    /// <summary>Maintenance: a Master resigns with priority 0 (as on Shutdown) and every state stays out of Master.</summary>
    private static VrrpInstanceState OnMaintenanceOn(in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        var next = state with { Maintenance = true };
        switch (next.State)
        {
            case VrrpState.Master:
                return StopParticipating(next, VrrpState.Backup, VrrpTransitionReason.Maintenance, now, ref actions);
            case VrrpState.Backup when !state.Maintenance:
                actions.Add(VrrpAction.CancelTimers);
                return next with { MasterDownDeadline = null, PreemptDeadline = null };
            default:
                return next;
        }
    }

    /// <summary>Maintenance off: a Backup watches for the Master again, from now.</summary>
    private static VrrpInstanceState OnMaintenanceOff(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        var next = state with { Maintenance = false };
        return state.Maintenance && next.State == VrrpState.Backup ? ArmMasterDown(settings, next, now, ref actions) : next;
    }
}
