using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.StateMachine;

internal static partial class VrrpStateMachine
{
    /* An ADVERTISEMENT that passed the receive checks (RFC 5798 7.1); Initialize and Fault ignore it */
    private static VrrpInstanceState OnAdvert(VrrpMachineSettings settings, in VrrpInstanceState state, in VrrpEvent advert, DateTimeOffset now, ref VrrpActionList actions) => state.State switch
    {
        VrrpState.Backup => OnAdvertInBackup(settings, state, advert, now, ref actions),
        VrrpState.Master => OnAdvertInMaster(settings, state, advert, now, ref actions),
        _ => state,
    };

    /* RFC 5798 6.4.2 */
    private static VrrpInstanceState OnAdvertInBackup(VrrpMachineSettings settings, in VrrpInstanceState state, in VrrpEvent advert, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (advert.Priority == 0)
        {
            if (state.Maintenance)
            {
                return state with { MasterAddress = null, MasterPriority = 0 };
            }

            // With one unicast peer nobody else can compete, so waiting Skew_Time buys nothing.
            if (settings.EffectiveFastTakeover)
            {
                return BecomeMaster(settings, state, VrrpTransitionReason.PriorityZeroReceived, now, ref actions);
            }

            /* RFC 5798 6.4.2: set the Master_Down_Timer to Skew_Time */
            var skew = VrrpTimers.SkewTime(settings.Version, state.Priority, state.MasterAdverIntervalCentiseconds);
            actions.Add(VrrpAction.ArmMasterDownTimer(now, skew));
            return state with { MasterDownDeadline = now + skew, MasterAddress = null, MasterPriority = 0 };
        }

        /* RFC 5798 6.4.2: if Preempt_Mode is False, or the advert's priority is >= ours, accept it as the Master's;
           during the preempt delay a lower-priority Master is accepted too (Keepalived's preempt_delay: it starts
           when a Backup first hears a lower priority and ends on an advert at ours or above), and while the sync
           group holds us back, unless that Master's priority fell below the one we first accepted */
        var current = state;
        if (settings.PreemptDelay > TimeSpan.Zero && settings.EffectivePreempt)
        {
            if (advert.Priority >= current.Priority)
            {
                if (current.PreemptDeadline is not null)
                {
                    actions.Add(VrrpAction.CancelPreemptDelayTimer);
                    current = current with { PreemptDeadline = null };
                }
            }
            else if (current.PreemptDeadline is null)
            {
                actions.Add(VrrpAction.ArmPreemptDelayTimer(now, settings.PreemptDelay));
                current = current with { PreemptDeadline = now + settings.PreemptDelay };
            }
        }

        var preemptHeldBack = current.PreemptDeadline is { } until && now < until;
        var syncGroupHeld = current.SyncGroupHold && (current.SyncGroupHoldPriority == 0 || advert.Priority >= current.SyncGroupHoldPriority);
        if (current.SyncGroupHold && !syncGroupHeld)
        {
            current = current with { SyncGroupHold = false, SyncGroupHoldPriority = 0 };
        }

        if (!settings.EffectivePreempt || advert.Priority >= current.Priority || preemptHeldBack || syncGroupHeld)
        {
            var next = Adopt(settings, current, advert);
            if (next.SyncGroupHold && next.SyncGroupHoldPriority == 0)
            {
                next = next with { SyncGroupHoldPriority = advert.Priority };
            }

            return next.Maintenance ? next : ArmMasterDown(settings, next, now, ref actions);
        }

        /* RFC 5798 6.4.2: otherwise discard it; the Master_Down_Timer will make us Master */
        return current;
    }

    /* RFC 5798 6.4.3 */
    private static VrrpInstanceState OnAdvertInMaster(VrrpMachineSettings settings, in VrrpInstanceState state, in VrrpEvent advert, DateTimeOffset now, ref VrrpActionList actions)
    {
        /* RFC 5798 6.4.3: priority 0: send an ADVERTISEMENT, reset the Adver_Timer */
        if (advert.Priority == 0)
        {
            return SendAdvertAndRearm(settings, state, now, ref actions);
        }

        /* RFC 5798 6.4.3: a higher priority, or equal with a higher primary address, wins */
        if (advert.Priority > state.Priority || (advert.Priority == state.Priority && advert.Source > settings.PrimaryAddress))
        {
            return LeaveMasterForBackup(settings, state, advert, now, ref actions);
        }

        // RFC 5798 6.4.3 just discards a lower priority. Answering at once, with fresh gratuitous
        // ARPs, ends a split brain within one round trip instead of Master_Down_Interval.
        var next = SendAdvertAndRearm(settings, state, now, ref actions);
        actions.Add(VrrpAction.SendGratuitousArps);
        return next;
    }

    /* RFC 5798 6.4.2/6.4.3: set Master_Adver_Interval to the advert's (v3; v2 intervals were checked equal, RFC 3768 7.1) */
    private static VrrpInstanceState Adopt(VrrpMachineSettings settings, in VrrpInstanceState state, in VrrpEvent advert) => state with
    {
        MasterAdverIntervalCentiseconds = settings.Version == VrrpVersion.V3
            ? advert.AdvertisementIntervalCentiseconds
            : settings.AdvertisementIntervalCentiseconds,
        MasterAddress = advert.Source,
        MasterPriority = advert.Priority,
    };
}
