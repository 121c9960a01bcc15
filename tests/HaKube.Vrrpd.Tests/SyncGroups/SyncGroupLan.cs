using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;
using HaKube.Vrrpd.SyncGroups;

namespace HaKube.Vrrpd.Tests.SyncGroups;

/// <summary>
/// Two nodes on one virtual clock, each running the members of one sync group (the same instance names and VRIDs on
/// both, unicast to each other) through the real <see cref="VrrpStateMachine"/> and <see cref="SyncGroupMachine"/>.
/// As in the daemon, every instance has a channel of its own (FIFO) and the loops run in any order: the next item is
/// taken from a channel chosen at random (seeded), so the tests see the races between adverts and group decisions.
/// </summary>
internal sealed class SyncGroupLan
{
    private readonly Random _random;
    private readonly List<Member> _members = [];
    private readonly List<(DateTimeOffset At, Member To, VrrpEvent Advert)> _inFlight = [];

    public SyncGroupLan(int seed, IReadOnlyList<string> instances, byte lb1Priority, byte lb2Priority)
    {
        _random = new Random(seed);
        Lb1 = new Node(this, "lb1", VrrpAddress.Parse("198.18.0.1"), instances, lb1Priority);
        Lb2 = new Node(this, "lb2", VrrpAddress.Parse("198.18.0.2"), instances, lb2Priority);
        foreach (var member in _members)
        {
            member.Post(default, Work.Health);
            member.Post(VrrpEvent.Startup, Work.Machine);
        }

        Drain();
    }

    public Node Lb1 { get; }

    public Node Lb2 { get; }

    public DateTimeOffset Now { get; private set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The most an advert may take to arrive (each takes a random share of it); zero: at once.</summary>
    public TimeSpan MaxLatency { get; init; }

    /// <summary>Every state change so far, in order.</summary>
    public List<(DateTimeOffset At, string Node, string Instance, VrrpState From, VrrpState To, VrrpTransitionReason Reason)> Transitions { get; } = [];

    /// <summary>Runs the loops and timers for <paramref name="duration"/> of virtual time.</summary>
    public void Run(TimeSpan duration)
    {
        var end = Now + duration;
        while (true)
        {
            Drain();
            var next = _members.Where(m => m.Node.Alive)
                .Select(m => (Member: m, Timer: m.NextTimer()))
                .Where(x => x.Timer.At is not null)
                .Concat(_inFlight.Select(f => (Member: f.To, Timer: (At: (DateTimeOffset?)f.At, Event: f.Advert))))
                .OrderBy(x => x.Timer.At)
                .FirstOrDefault();
            if (next.Member is null || next.Timer.At > end)
            {
                Now = end;
                return;
            }

            Now = next.Timer.At!.Value;
            var arrived = _inFlight.FindIndex(f => f.At == Now && f.To == next.Member);
            if (arrived >= 0)
            {
                _inFlight.RemoveAt(arrived);
                if (!next.Member.Node.Alive || next.Member.Node.Cut)
                {
                    continue;
                }
            }

            next.Member.Post(next.Timer.Event, Work.Machine);
        }
    }

    /// <summary>Runs the loops until nothing is queued.</summary>
    public void Drain()
    {
        for (var steps = 0; ; steps++)
        {
            // Zero latency: a loop between the nodes would never let time move on.
            Assert.True(steps < 100_000, $"the loops never went quiet at {Now:HH:mm:ss.fff}: a livelock");
            var ready = _members.Where(m => m.Node.Alive && m.Queue.Count > 0).ToList();
            if (ready.Count == 0)
            {
                return;
            }

            ready[_random.Next(ready.Count)].RunOne();
        }
    }

    public IEnumerable<Member> Members => _members;

    /// <summary>One instance on one node.</summary>
    internal sealed class Member
    {
        private readonly SyncGroupLan _lan;
        private readonly HashSet<string> _groupFaults = new(StringComparer.Ordinal);
        private byte _trackedPriority;
        private byte _reportedPriority;
        private byte _ceiling = VrrpConstants.PriorityOwner;
        private bool _ownFault;

        public Member(SyncGroupLan lan, Node node, string name, byte vrid, byte priority)
        {
            _lan = lan;
            Node = node;
            Name = name;
            Vrid = vrid;
            Settings = new VrrpMachineSettings { Version = VrrpVersion.V3, PrimaryAddress = node.Address, Priority = priority, UnicastPeerCount = 1 };
            State = VrrpInstanceState.Initial(Settings);
            _trackedPriority = priority;
        }

        public Node Node { get; }

        public string Name { get; }

        public byte Vrid { get; }

        public VrrpMachineSettings Settings { get; }

        public VrrpInstanceState State { get; private set; }

        public Queue<(VrrpEvent Event, Work Kind)> Queue { get; } = new();

        public bool IsMaster => State.State == VrrpState.Master;

        public void Post(VrrpEvent e, Work kind) => Queue.Enqueue((e, kind));

        /// <summary>A tracker moved this instance's priority (a track_file, a weighted script).</summary>
        public void SetPriority(byte priority)
        {
            _trackedPriority = priority;
            Queue.Enqueue((default, Work.Health));
        }

        /// <summary>This instance's own fault (a weight-0 tracker, its link) starts or ends.</summary>
        public void SetOwnFault(bool faulted)
        {
            _ownFault = faulted;
            Node.StepGroup(SyncGroupEvent.OwnFault(Name, faulted));
            Queue.Enqueue((default, Work.Health));
        }

        public void Ceiling(byte ceiling)
        {
            _ceiling = ceiling;
            Queue.Enqueue((default, Work.Health));
        }

        public void GroupFault(string culprit, bool faulted)
        {
            _ = faulted ? _groupFaults.Add(culprit) : _groupFaults.Remove(culprit);
            Queue.Enqueue((default, Work.Health));
        }

        public (DateTimeOffset? At, VrrpEvent Event) NextTimer()
        {
            var s = State;
            return new[]
            {
                (At: s.MasterDownDeadline, Event: s.MasterDownDeadline is { } d ? VrrpEvent.MasterDownTimerFired(d) : default),
                (At: s.AdvertDeadline, Event: s.AdvertDeadline is { } a ? VrrpEvent.AdvertTimerFired(a) : default),
                (At: s.PreemptDeadline, Event: s.PreemptDeadline is { } p ? VrrpEvent.PreemptDelayElapsed(p) : default),
            }.Where(t => t.At is not null).OrderBy(t => t.At).FirstOrDefault();
        }

        public void RunOne()
        {
            var (e, kind) = Queue.Dequeue();
            if (kind == Work.Machine)
            {
                Step(e);
                return;
            }

            // As VrrpInstance.ApplyHealthAsync: report the own priority, then fault first, priority, fault cleared.
            var own = _ownFault ? (byte)0 : _trackedPriority;
            if (own != _reportedPriority)
            {
                _reportedPriority = own;
                Node.StepGroup(SyncGroupEvent.OwnPriority(Name, own));
            }

            var priority = Math.Min(_trackedPriority, _ceiling);
            var faulted = _ownFault || _groupFaults.Count > 0;
            if (faulted && !State.Faulted)
            {
                Step(VrrpEvent.Fault);
            }

            if (priority != State.Priority)
            {
                Step(VrrpEvent.PriorityChanged(priority));
            }

            if (!faulted && State.Faulted)
            {
                Step(VrrpEvent.FaultCleared);
            }
        }

        private void Step(VrrpEvent e)
        {
            var step = VrrpStateMachine.Step(Settings, State, e, _lan.Now);
            State = step.State;
            foreach (var action in step.Actions)
            {
                switch (action.Kind)
                {
                    case VrrpActionKind.SendAdvert when Node.Alive && !Node.Cut:
                        _lan.Send(_lan.Peer(this), VrrpEvent.AdvertReceived(action.Priority, Settings.AdvertisementIntervalCentiseconds, Node.Address));

                        break;
                    case VrrpActionKind.StateChanged:
                        _lan.Transitions.Add((_lan.Now, Node.Name, Name, action.From, action.To, action.Reason));
                        Node.StepGroup(SyncGroupEvent.Changed(Name, action.From, action.To, action.Reason));
                        break;
                }
            }
        }
    }

    /// <summary>What a queued item is.</summary>
    internal enum Work
    {
        /// <summary>A state machine event (advert, timer fire, group force).</summary>
        Machine,

        /// <summary>Recompute fault and priority from the trackers and the group's faults.</summary>
        Health,
    }

    /// <summary>One node: its members and its sync group coordinator.</summary>
    internal sealed class Node
    {
        private readonly SyncGroupLan _lan;

        public Node(SyncGroupLan lan, string name, VrrpAddress address, IReadOnlyList<string> instances, byte priority)
        {
            _lan = lan;
            Name = name;
            Address = address;
            Group = SyncGroupState.Initial("lbs", instances);
            for (var i = 0; i < instances.Count; i++)
            {
                var member = new Member(lan, this, instances[i], (byte)(60 + i), priority);
                Members[instances[i]] = member;
                lan._members.Add(member);
            }
        }

        public string Name { get; }

        public VrrpAddress Address { get; }

        public Dictionary<string, Member> Members { get; } = new(StringComparer.Ordinal);

        public SyncGroupState Group { get; private set; }

        /// <summary>The group notifies run, in order.</summary>
        public List<VrrpState> GroupNotifies { get; } = [];

        /// <summary>
        /// False: the node ignores its group's priority ceiling, so its members advertise their own priorities (as a
        /// Keepalived peer with sync_group_tracking_weight would), and only forcing and holding keep the group together.
        /// </summary>
        public bool UsesCeiling { get; set; } = true;

        /// <summary>False once the node died (SIGKILL): nothing runs, nothing is sent.</summary>
        public bool Alive { get; set; } = true;

        /// <summary>Its cable is pulled: it runs, but no advert gets in or out.</summary>
        public bool Cut { get; set; }

        public Member this[string name] => Members[name];

        /// <summary>The node holds the VIPs of exactly these instances.</summary>
        public IEnumerable<string> Holding => Members.Values.Where(m => m.IsMaster).Select(m => m.Name);

        public void StepGroup(SyncGroupEvent e)
        {
            var step = SyncGroupMachine.Step(Group, e);
            Group = step.State;
            foreach (var action in step.Actions)
            {
                switch (action.Kind)
                {
                    case SyncGroupActionKind.Force:
                        Members[action.Member!].Post(action.State == VrrpState.Master ? VrrpEvent.SyncGroupMaster : VrrpEvent.SyncGroupBackup, Work.Machine);
                        break;
                    case SyncGroupActionKind.PriorityCeiling when UsesCeiling:
                        Members[action.Member!].Ceiling(action.Priority);
                        break;
                    case SyncGroupActionKind.MemberFault:
                        Members[action.Member!].GroupFault(action.Culprit!, action.Faulted);
                        break;
                    case SyncGroupActionKind.GroupChanged:
                        GroupNotifies.Add(action.State);
                        break;
                }
            }
        }
    }

    private void Send(Member to, VrrpEvent advert)
    {
        if (!to.Node.Alive || to.Node.Cut)
        {
            return;
        }

        if (MaxLatency <= TimeSpan.Zero)
        {
            to.Post(advert, Work.Machine);
            return;
        }

        // Later adverts on one path never overtake earlier ones.
        var at = Now + (MaxLatency * _random.NextDouble());
        var last = _inFlight.Where(f => f.To == to).Select(f => f.At).DefaultIfEmpty(at).Max();
        _inFlight.Add((at < last ? last : at, to, advert));
    }

    private Member Peer(Member member) => (member.Node == Lb1 ? Lb2 : Lb1)[member.Name];
}
