using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    private const int MasterDownSlot = 0;
    private const int AdvertSlot = 1;
    private const int PreemptDelaySlot = 2;

    /// <summary>The state machine's timers, one per slot above.</summary>
    private readonly ITimer?[] _machineTimers = new ITimer?[3];
    private long _transitions;
    private Admin.TransitionInfo? _lastTransition;

    /// <summary>While master: the last peer heard advertising as master too (see <see cref="NoteCompetingMaster"/>).</summary>
    private VrrpAddress? _competingMaster;

    /// <summary>When this instance last became master.</summary>
    private DateTimeOffset _masterSince;

    /// <summary>Steps the state machine and performs its actions, in order.</summary>
    private async Task StepAsync(VrrpEvent e)
    {
        var now = _time.GetUtcNow();
        var before = _state;
        var step = VrrpStateMachine.Step(Settings.Machine, before, e, now);
        _state = step.State;
        if (e.Kind == VrrpEventKind.AdvertReceived && e.Priority > 0 && before.State == VrrpState.Master && step.State.State == VrrpState.Master)
        {
            NoteCompetingMaster(e, now);
        }

        foreach (var action in step.Actions)
        {
            await ExecuteAsync(action, before);
        }

        Publish();
    }

    private async Task ExecuteAsync(VrrpAction action, VrrpInstanceState before)
    {
        switch (action.Kind)
        {
            case VrrpActionKind.SendAdvert:
                SendAdverts(action.Priority);
                break;
            case VrrpActionKind.AddVirtualAddresses:
                await AddAddressesAsync();
                break;
            case VrrpActionKind.RemoveVirtualAddresses:
                await RemoveAddressesAsync();
                break;
            case VrrpActionKind.SendGratuitousArps:
                StartGarpBurst();
                break;
            case VrrpActionKind.ArmMasterDownTimer:
                Arm(MasterDownSlot, action, VrrpEvent.MasterDownTimerFired(action.At));
                break;
            case VrrpActionKind.ArmAdvertTimer:
                Arm(AdvertSlot, action, VrrpEvent.AdvertTimerFired(action.At));
                break;
            case VrrpActionKind.ArmPreemptDelayTimer:
                Arm(PreemptDelaySlot, action, VrrpEvent.PreemptDelayElapsed(action.At));
                break;
            case VrrpActionKind.RecordResignation:
                await RecordResignationAsync();
                break;
            case VrrpActionKind.ForgetResignation:
                await ForgetResignationAsync();
                break;
            case VrrpActionKind.CancelTimers:
                CancelMachineTimers();
                break;
            case VrrpActionKind.CancelPreemptDelayTimer:
                Cancel(PreemptDelaySlot);
                break;
            case VrrpActionKind.StateChanged:
                OnStateChanged(action, before);
                break;
        }
    }

    /// <summary>A TimeProvider timer that posts the fire, with the armed deadline, back to the loop.</summary>
    private void Arm(int slot, VrrpAction action, VrrpEvent fire)
    {
        Cancel(slot);
        var delay = action.Delay < TimeSpan.Zero ? TimeSpan.Zero : action.Delay;
        _machineTimers[slot] = _time.CreateTimer(static s => ((TimerFire)s!).Post(), new TimerFire(this, fire), delay, Timeout.InfiniteTimeSpan);
    }

    private void CancelMachineTimers()
    {
        for (var i = 0; i < _machineTimers.Length; i++)
        {
            Cancel(i);
        }
    }

    private void Cancel(int slot)
    {
        _machineTimers[slot]?.Dispose();
        _machineTimers[slot] = null;
    }

    private void OnStateChanged(VrrpAction action, VrrpInstanceState before)
    {
        var now = _time.GetUtcNow();
        Interlocked.Increment(ref _transitions);
        _lastTransition = new Admin.TransitionInfo(now, action.From.ToString(), action.To.ToString(), action.Reason.ToString());
        if (action.Reason == VrrpTransitionReason.MasterDown)
        {
            // The peer that was master fell silent (it died, its link or the path to us broke, or a firewall drops VRRP).
            var interval = VrrpTimers.MasterDownInterval(Settings.Machine.Version, before.Priority, before.MasterAdverIntervalCentiseconds);
            if (before.MasterAddress is { } master)
            {
                Log.PeerSilent(_logger, Name, master.ToString(), interval.TotalSeconds);
            }
            else
            {
                Log.NoMasterHeard(_logger, Name, interval.TotalSeconds);
            }
        }

        _competingMaster = null;
        Log.StateChanged(_logger, Name, action.From, action.To, action.Reason, _state.Priority);
        if (action.To == VrrpState.Master)
        {
            _masterSince = now;
            OnBecameMaster();
        }
        else if (action.From == VrrpState.Master)
        {
            CancelGarpTimers();
        }

        // Published before the callback, so what it reads of this instance (the daemon's STATUS line) is the new state.
        Publish();
        _context.StateChanged?.Invoke(new InstanceStateChange(Name, action.From, action.To, action.Reason, _state.Priority, now));
    }

    /// <summary>
    /// While master, an advert from a master we outrank means a split brain (a partition healed, or a path that works
    /// one way only); the state machine answers it. Said once per peer and mastership, not once per advert. Not within
    /// the first advert interval of a mastership: every ordinary takeover (preemption, a tracker lowering the old
    /// master) ends with the old master's last advert crossing ours and its parting advert, a round trip later.
    /// </summary>
    private void NoteCompetingMaster(in VrrpEvent advert, DateTimeOffset now)
    {
        if (now - _masterSince < VrrpTimers.AdvertisementInterval(Settings.Machine.AdvertisementIntervalCentiseconds))
        {
            return;
        }

        if (_competingMaster != advert.Source)
        {
            _competingMaster = advert.Source;
            Log.SplitBrain(_logger, Name, advert.Source, advert.Priority, _state.Priority);
        }
    }

    /// <summary>Carries a timer fire to the loop; the deadline inside lets the state machine spot a stale one.</summary>
    private sealed class TimerFire(VrrpInstance instance, VrrpEvent fire)
    {
        public void Post() => instance.Post(InstanceEvent.ForMachine(fire));
    }
}
