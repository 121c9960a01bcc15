using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.StateMachine;

internal static partial class VrrpStateMachine
{
    /* RFC 5798 6.4.1 / 6.4.2: send an ADVERTISEMENT, broadcast gratuitous ARPs, set the Adver_Timer, become Master */
    private static VrrpInstanceState BecomeMaster(VrrpMachineSettings settings, in VrrpInstanceState state, VrrpTransitionReason reason, DateTimeOffset now, ref VrrpActionList actions)
    {
        var interval = VrrpTimers.AdvertisementInterval(settings.AdvertisementIntervalCentiseconds);
        actions.Add(VrrpAction.CancelTimers);
        // Addresses first, so the advert and the ARPs announce something that answers.
        actions.Add(VrrpAction.AddVirtualAddresses);
        actions.Add(VrrpAction.SendAdvert(state.Priority));
        actions.Add(VrrpAction.SendGratuitousArps);
        // Once our advert is out a resignation means something; written after the ARPs, which must not wait for a file.
        actions.Add(VrrpAction.RecordResignation);
        actions.Add(VrrpAction.ArmAdvertTimer(now, interval));
        var next = state with
        {
            MasterAdverIntervalCentiseconds = settings.AdvertisementIntervalCentiseconds,
            AdvertDeadline = now + interval,
            MasterDownDeadline = null,
            PreemptDeadline = null,
            MasterAddress = settings.PrimaryAddress,
            MasterPriority = state.Priority,
            SyncGroupHold = false,
            SyncGroupHoldPriority = 0,
        };
        return Transition(next, VrrpState.Master, reason, now, ref actions);
    }

    /* RFC 5798 6.4.1: Master_Adver_Interval = Advertisement_Interval, Master_Down_Timer = Master_Down_Interval, become Backup */
    private static VrrpInstanceState EnterBackup(VrrpMachineSettings settings, in VrrpInstanceState state, VrrpTransitionReason reason, DateTimeOffset now, ref VrrpActionList actions)
    {
        actions.Add(VrrpAction.CancelTimers);
        var next = state with
        {
            MasterAdverIntervalCentiseconds = settings.AdvertisementIntervalCentiseconds,
            AdvertDeadline = null,
            MasterDownDeadline = null,
            PreemptDeadline = null,
            MasterAddress = null,
            MasterPriority = 0,
        };
        if (!next.Maintenance)
        {
            next = ArmMasterDown(settings, next, now, ref actions);
        }

        if (settings.PreemptDelay > TimeSpan.Zero && settings.EffectivePreempt)
        {
            actions.Add(VrrpAction.ArmPreemptDelayTimer(now, settings.PreemptDelay));
            next = next with { PreemptDeadline = now + settings.PreemptDelay };
        }

        return Transition(next, VrrpState.Backup, reason, now, ref actions);
    }

    /*
     * RFC 5798 6.4.3: cancel Adver_Timer, adopt the interval (v3), set Master_Down_Timer, become Backup. And, beyond the
     * RFC, one parting advert at our own priority once the addresses are gone: when a split brain ends because we heard
     * the winner first, the winner may never have heard us, and clients that took our gratuitous ARPs still point at
     * our MAC. Hearing a lower priority makes the winner answer and refresh its gratuitous ARPs (OnAdvertInMaster), so
     * the segment learns where the VIP is at once; a winner that had heard us already just answers once more.
     */
    private static VrrpInstanceState LeaveMasterForBackup(VrrpMachineSettings settings, in VrrpInstanceState state, in VrrpEvent advert, DateTimeOffset now, ref VrrpActionList actions)
    {
        actions.Add(VrrpAction.ForgetResignation);
        actions.Add(VrrpAction.CancelTimers);
        actions.Add(VrrpAction.RemoveVirtualAddresses);
        actions.Add(VrrpAction.SendAdvert(state.Priority));
        var next = Adopt(settings, state, advert) with { AdvertDeadline = null };
        next = ArmMasterDown(settings, next, now, ref actions);
        return Transition(next, VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert, now, ref actions);
    }

    /* Keepalived's FAULT: not participating, holding nothing */
    private static VrrpInstanceState EnterFault(in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions) =>
        StopParticipating(state, VrrpState.Fault, VrrpTransitionReason.Fault, now, ref actions);

    /* RFC 5798 6.4.3 Shutdown: cancel the timers; a Master resigns (see Resign) */
    private static VrrpInstanceState StopParticipating(in VrrpInstanceState state, VrrpState to, VrrpTransitionReason reason, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (state.State == VrrpState.Master)
        {
            Resign(ref actions);
        }
        else
        {
            actions.Add(VrrpAction.CancelTimers);
        }

        var next = state with
        {
            AdvertDeadline = null, MasterDownDeadline = null, PreemptDeadline = null, MasterAddress = null, MasterPriority = 0,
            SyncGroupHold = false, SyncGroupHoldPriority = 0,
        };
        return Transition(next, to, reason, now, ref actions);
    }

    /*
     * RFC 5798 6.4.3: a Master that stops sends an ADVERTISEMENT with Priority = 0 and lets the addresses go. The
     * resign record goes first, so a crash from here on sends no priority 0 for a mastership that is over; then the
     * addresses, since a backup may take over the moment the priority-0 advert arrives (at once with a single unicast
     * peer) and must never find the VIP still held here (no duplicate address, ever).
     */
    private static void Resign(ref VrrpActionList actions)
    {
        actions.Add(VrrpAction.ForgetResignation);
        actions.Add(VrrpAction.CancelTimers);
        actions.Add(VrrpAction.RemoveVirtualAddresses);
        actions.Add(VrrpAction.SendAdvert(VrrpConstants.PriorityStop));
    }

    private static VrrpInstanceState LeaveFault(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (state.State != VrrpState.Fault || state.IsFaulted)
        {
            return state;
        }

        /* as at startup (RFC 5798 6.4.1): the address owner goes straight to Master */
        return state.Priority == VrrpConstants.PriorityOwner && !state.Maintenance
            ? BecomeMaster(settings, state, VrrpTransitionReason.FaultCleared, now, ref actions)
            : EnterBackup(settings, state, VrrpTransitionReason.FaultCleared, now, ref actions);
    }

    /* RFC 5798 6.4.3: send an ADVERTISEMENT, reset the Adver_Timer to Advertisement_Interval */
    private static VrrpInstanceState SendAdvertAndRearm(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        var interval = VrrpTimers.AdvertisementInterval(settings.AdvertisementIntervalCentiseconds);
        actions.Add(VrrpAction.SendAdvert(state.Priority));
        actions.Add(VrrpAction.ArmAdvertTimer(now, interval));
        return state with { AdvertDeadline = now + interval };
    }

    /* RFC 5798 6.4.2: Master_Down_Timer = Master_Down_Interval, from the current Master_Adver_Interval and our priority */
    private static VrrpInstanceState ArmMasterDown(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        var delay = VrrpTimers.MasterDownInterval(settings.Version, state.Priority, state.MasterAdverIntervalCentiseconds);
        actions.Add(VrrpAction.ArmMasterDownTimer(now, delay));
        return state with { MasterDownDeadline = now + delay };
    }

    private static VrrpInstanceState Transition(in VrrpInstanceState state, VrrpState to, VrrpTransitionReason reason, DateTimeOffset now, ref VrrpActionList actions)
    {
        actions.Add(VrrpAction.StateChanged(state.State, to, reason));
        return state with { State = to, LastTransitionAt = now, LastTransitionReason = reason };
    }
}
