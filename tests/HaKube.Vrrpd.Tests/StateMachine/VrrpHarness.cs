using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>
/// A stand-in adapter on virtual time: performs the actions of each step (timers on a
/// FakeTimeProvider, addresses as a flag, adverts into a list) and checks the invariants after
/// every step.
/// </summary>
internal sealed class VrrpHarness
{
    public static readonly VrrpAddress Self = VrrpAddress.Parse("198.18.0.3");
    public static readonly VrrpAddress LowerPeer = VrrpAddress.Parse("198.18.0.2");
    public static readonly VrrpAddress HigherPeer = VrrpAddress.Parse("198.18.0.4");

    private readonly Dictionary<VrrpActionKind, (ITimer Timer, DateTimeOffset At)> _timers = [];
    private readonly Queue<VrrpEvent> _fired = new();

    public VrrpHarness(VrrpMachineSettings settings)
    {
        Settings = settings;
        State = VrrpInstanceState.Initial(settings);
    }

    public static VrrpMachineSettings V3(byte priority = 100, int interval = 100) => new()
    {
        Version = VrrpVersion.V3,
        PrimaryAddress = Self,
        Priority = priority,
        AdvertisementIntervalCentiseconds = interval,
    };

    public static VrrpMachineSettings V2(byte priority = 100, int interval = 100) => V3(priority, interval) with { Version = VrrpVersion.V2 };

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public DateTimeOffset Now => Time.GetUtcNow();

    public VrrpMachineSettings Settings { get; }

    public VrrpInstanceState State { get; private set; }

    public bool HoldsVirtualAddresses { get; private set; }

    /// <summary>True while the instance's resign record (what `vrrpd --release` sends for a dead master) exists.</summary>
    public bool HoldsResignRecord { get; private set; }

    public List<byte> SentAdverts { get; } = [];

    public int GratuitousArpBursts { get; private set; }

    public List<VrrpAction> History { get; } = [];

    public IReadOnlyCollection<VrrpActionKind> ArmedTimers => _timers.Keys;

    public DateTimeOffset? TimerAt(VrrpActionKind kind) => _timers.TryGetValue(kind, out var t) ? t.At : null;

    /// <summary>Runs one step at the current virtual time and performs its actions.</summary>
    public VrrpAction[] Handle(VrrpEvent @event)
    {
        var before = State;
        var step = VrrpStateMachine.Step(Settings, State, @event, Now);
        State = step.State;
        var actions = step.Actions.ToArray();
        foreach (var action in actions)
        {
            Perform(action);
        }

        History.AddRange(actions);
        CheckInvariants(before, actions);
        return actions;
    }

    public VrrpAction[] Advert(byte priority, VrrpAddress? source = null, int interval = 100) =>
        Handle(VrrpEvent.AdvertReceived(priority, interval, source ?? HigherPeer));

    /// <summary>Moves virtual time forward, delivering each timer at exactly its deadline.</summary>
    public List<VrrpAction> Advance(TimeSpan by)
    {
        var end = Now + by;
        var performed = new List<VrrpAction>();
        while (true)
        {
            var next = _timers.Values.Select(t => t.At).Where(at => at <= end).DefaultIfEmpty(end).Min();
            Time.Advance(next - Now);
            while (_fired.TryDequeue(out var fired))
            {
                performed.AddRange(Handle(fired));
            }

            if (Now >= end)
            {
                return performed;
            }
        }
    }

    private void Perform(in VrrpAction action)
    {
        switch (action.Kind)
        {
            case VrrpActionKind.SendAdvert:
                SentAdverts.Add(action.Priority);
                break;
            case VrrpActionKind.AddVirtualAddresses:
                HoldsVirtualAddresses = true;
                break;
            case VrrpActionKind.RemoveVirtualAddresses:
                HoldsVirtualAddresses = false;
                break;
            case VrrpActionKind.SendGratuitousArps:
                GratuitousArpBursts++;
                break;
            case VrrpActionKind.RecordResignation:
                // Recorded only for an instance that holds the addresses and has advertised them.
                Assert.True(HoldsVirtualAddresses, "resign record written without the addresses");
                HoldsResignRecord = true;
                break;
            case VrrpActionKind.ForgetResignation:
                HoldsResignRecord = false;
                break;
            case VrrpActionKind.CancelTimers:
                foreach (var (timer, _) in _timers.Values)
                {
                    timer.Dispose();
                }

                _timers.Clear();
                break;
            case VrrpActionKind.CancelPreemptDelayTimer:
                if (_timers.Remove(VrrpActionKind.ArmPreemptDelayTimer, out var preempt))
                {
                    preempt.Timer.Dispose();
                }

                break;
            case VrrpActionKind.ArmMasterDownTimer:
            case VrrpActionKind.ArmAdvertTimer:
            case VrrpActionKind.ArmPreemptDelayTimer:
                Arm(action);
                break;
            case VrrpActionKind.StateChanged:
                break;
            default:
                throw new InvalidOperationException($"Unknown action {action.Kind}.");
        }
    }

    private void Arm(VrrpAction action)
    {
        if (_timers.Remove(action.Kind, out var old))
        {
            old.Timer.Dispose();
        }

        Assert.Equal(Now + action.Delay, action.At);
        var fired = action.Kind switch
        {
            VrrpActionKind.ArmMasterDownTimer => VrrpEvent.MasterDownTimerFired(action.At),
            VrrpActionKind.ArmAdvertTimer => VrrpEvent.AdvertTimerFired(action.At),
            _ => VrrpEvent.PreemptDelayElapsed(action.At),
        };
        var kind = action.Kind;
        var timer = Time.CreateTimer(
            _ =>
            {
                _timers.Remove(kind);
                _fired.Enqueue(fired);
            },
            null,
            action.Delay,
            Timeout.InfiniteTimeSpan);
        _timers[action.Kind] = (timer, action.At);
    }

    private void CheckInvariants(in VrrpInstanceState before, VrrpAction[] actions)
    {
        /* never hold the virtual addresses outside Master, and always hold them in Master */
        Assert.Equal(State.State == VrrpState.Master, HoldsVirtualAddresses);

        // The resign record exists exactly while Master, and on the way out it goes before the addresses and before
        // the priority-0 advert: a daemon killed at any point never has --release resign a mastership that is over.
        Assert.Equal(State.State == VrrpState.Master, HoldsResignRecord);
        var forget = Array.FindIndex(actions, a => a.Kind == VrrpActionKind.ForgetResignation);
        var remove = Array.FindIndex(actions, a => a.Kind == VrrpActionKind.RemoveVirtualAddresses);
        var resign = Array.FindIndex(actions, a => a.Kind == VrrpActionKind.SendAdvert && a.Priority == 0);
        Assert.True(remove < 0 || (forget >= 0 && forget < remove), $"addresses removed before the resign record was deleted: {string.Join(", ", actions.Select(a => a.Kind))}");
        Assert.True(resign < 0 || (forget >= 0 && forget < resign), $"priority 0 sent before the resign record was deleted: {string.Join(", ", actions.Select(a => a.Kind))}");

        var changes = actions.Where(a => a.Kind == VrrpActionKind.StateChanged).ToArray();
        if (before.State == State.State)
        {
            Assert.Empty(changes);
        }
        else
        {
            var change = Assert.Single(changes);
            Assert.Equal((before.State, State.State), (change.From, change.To));
            Assert.Equal(VrrpActionKind.StateChanged, actions[^1].Kind);
        }

        // Only a Master advertises, except the priority-0 advert with which it resigns and the parting advert at its own
        // priority with which it loses to a higher one; both go out after its addresses.
        foreach (var advert in Enumerable.Range(0, actions.Length).Where(i => actions[i].Kind == VrrpActionKind.SendAdvert))
        {
            var leaving = before.State == VrrpState.Master && State.State != VrrpState.Master;
            Assert.True(State.State == VrrpState.Master || (leaving && (actions[advert].Priority == 0 || actions[advert].Priority == before.Priority)));
            Assert.True(!leaving || (remove >= 0 && remove < advert), "an advert on leaving Master went out before the addresses were removed");
        }

        // The timers the state says are armed are exactly those the adapter holds.
        Assert.Equal(State.MasterDownDeadline, TimerAt(VrrpActionKind.ArmMasterDownTimer));
        Assert.Equal(State.AdvertDeadline, TimerAt(VrrpActionKind.ArmAdvertTimer));
        Assert.Equal(State.PreemptDeadline, TimerAt(VrrpActionKind.ArmPreemptDelayTimer));
        Assert.Equal(State.State == VrrpState.Master, State.AdvertDeadline is not null);
        Assert.True(State.State == VrrpState.Backup || State.MasterDownDeadline is null);
    }
}
