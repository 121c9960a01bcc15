using System.Net.Sockets;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>
/// Two instances set up as the guide's lb1/lb2 (VRRPv2, PASS, unicast to each other, both priority
/// 100) on one virtual clock; adverts travel as bytes through the writer, the receive checks and
/// the state machine.
/// </summary>
public sealed class VrrpTwoRouterTests
{
    private static readonly VrrpAddress Lb1Address = VrrpAddress.Parse("198.18.0.2");
    private static readonly VrrpAddress Lb2Address = VrrpAddress.Parse("198.18.0.3");

    [Fact]
    public void Startup_ElectsExactlyOneMaster_Rfc5798_6_4_2()
    {
        var lan = new Lan();
        lan.Run(TimeSpan.FromSeconds(10));

        Assert.Equal(1, lan.Masters);
        Assert.Equal(0, lan.Lb1.Counters.Errors + lan.Lb2.Counters.Errors);
        // Master from 3.609375 s, advertising every second until 10 s.
        Assert.Equal(7, lan.Lb1.Counters.Accepted + lan.Lb2.Counters.Accepted);
    }

    [Fact]
    public void SplitBrain_HealsToTheHigherAddressAtTheFirstAdvert_Rfc5798_6_4_3()
    {
        var lan = new Lan { Blocked = true };
        lan.Run(TimeSpan.FromSeconds(10));
        Assert.Equal(2, lan.Masters);

        lan.Blocked = false;
        lan.Run(TimeSpan.FromSeconds(1));

        // On equal priority the higher primary address wins; the lower one leaves at the first advert it hears.
        Assert.Equal((VrrpState.Backup, VrrpState.Master), (lan.Lb1.State.State, lan.Lb2.State.State));
        Assert.Equal(VrrpTransitionReason.HigherPriorityAdvert, lan.Lb1.State.LastTransitionReason);
    }

    [Fact]
    public void MasterShutdown_SinglePeerTakesOverAtOnce_Rfc5798_6_4_3_Extension()
    {
        var lan = new Lan();
        lan.Run(TimeSpan.FromSeconds(10));
        var (master, backup) = lan.Lb1.State.State == VrrpState.Master ? (lan.Lb1, lan.Lb2) : (lan.Lb2, lan.Lb1);

        lan.Handle(master, VrrpEvent.Shutdown);

        Assert.Equal(VrrpState.Master, backup.State.State);
        Assert.Equal(lan.Now, backup.State.LastTransitionAt);
        Assert.Equal(VrrpTransitionReason.PriorityZeroReceived, backup.State.LastTransitionReason);
    }

    [Fact]
    public void MasterFault_BackupTakesOver_AndAHigherPriorityPreemptsLater_Rfc5798_6_4_2()
    {
        var lan = new Lan();
        lan.Run(TimeSpan.FromSeconds(10));
        var (first, second) = lan.Lb1.State.State == VrrpState.Master ? (lan.Lb1, lan.Lb2) : (lan.Lb2, lan.Lb1);

        lan.Handle(first, VrrpEvent.Fault);
        Assert.Equal(VrrpState.Master, second.State.State);

        // Fault cleared: back to Backup; an equal priority does not preempt a Master.
        lan.Handle(first, VrrpEvent.FaultCleared);
        lan.Run(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Backup, VrrpState.Master), (first.State.State, second.State.State));

        // A higher priority does: it discards the Master's lower adverts and takes over when Master_Down_Timer fires.
        lan.Handle(first, VrrpEvent.PriorityChanged(102));
        lan.Run(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (first.State.State, second.State.State));
        Assert.Equal(VrrpTransitionReason.MasterDown, first.State.LastTransitionReason);
    }

    private sealed class Node(VrrpAddress self, VrrpAddress peer)
    {
        public VrrpAddress Self { get; } = self;

        public VrrpAddress Peer { get; } = peer;

        public VrrpMachineSettings Machine { get; } = new() { Version = VrrpVersion.V2, PrimaryAddress = self, UnicastPeerCount = 1 };

        public VrrpReceiveSettings Receive { get; } = new()
        {
            Version = VrrpVersion.V2,
            AddressFamily = AddressFamily.InterNetwork,
            VirtualRouterId = 60,
            AdvertisementIntervalCentiseconds = 100,
            AuthType = VrrpAuthType.SimplePassword,
            AuthenticationData = VrrpReceiveSettings.PadPassword("1111"),
            VirtualAddresses = [VrrpAddress.Parse("198.18.0.10")],
            LocalAddresses = [self],
            UnicastPeers = [peer],
            RequirePeerSource = true,
        };

        public VrrpAdvertWriter Writer { get; } = new(VrrpVersion.V2, 60, 100, self, [VrrpAddress.Parse("198.18.0.10")], VrrpAuthType.SimplePassword, VrrpReceiveSettings.PadPassword("1111"));

        public VrrpReceiveCounters Counters { get; } = new();

        public VrrpInstanceState State { get; set; }
    }

    private sealed class Lan
    {
        private readonly Queue<(Node To, byte[] Packet, VrrpReceiveMetadata Metadata)> _wire = new();

        public Lan()
        {
            Lb1 = new Node(Lb1Address, Lb2Address);
            Lb2 = new Node(Lb2Address, Lb1Address);
            Lb1.State = VrrpInstanceState.Initial(Lb1.Machine);
            Lb2.State = VrrpInstanceState.Initial(Lb2.Machine);
            Handle(Lb1, VrrpEvent.Startup);
            Handle(Lb2, VrrpEvent.Startup);
        }

        public Node Lb1 { get; }

        public Node Lb2 { get; }

        public DateTimeOffset Now { get; private set; } = DateTimeOffset.UnixEpoch;

        /// <summary>Drops every packet, like an nftables rule on protocol 112.</summary>
        public bool Blocked { get; set; }

        public int Masters => (Lb1.State.State == VrrpState.Master ? 1 : 0) + (Lb2.State.State == VrrpState.Master ? 1 : 0);

        public void Run(TimeSpan duration)
        {
            var end = Now + duration;
            while (true)
            {
                var (node, @event, at) = NextTimer();
                if (node is null || at > end)
                {
                    Now = end;
                    return;
                }

                Now = at;
                Handle(node, @event);
            }
        }

        public void Handle(Node node, VrrpEvent @event)
        {
            Step(node, @event);
            while (_wire.TryDequeue(out var delivery))
            {
                var verdict = VrrpReceiveChecks.Check(delivery.Packet, delivery.Metadata, delivery.To.Receive, out var packet);
                delivery.To.Counters.Record(verdict);
                if (verdict.Accepted)
                {
                    Step(delivery.To, VrrpEvent.AdvertReceived(packet.Priority, packet.AdvertisementIntervalCentiseconds, delivery.Metadata.Source));
                }
            }

            // Never both Master while adverts get through.
            Assert.True(Blocked || Masters <= 1);
        }

        private void Step(Node node, in VrrpEvent @event)
        {
            var step = VrrpStateMachine.Step(node.Machine, node.State, @event, Now);
            node.State = step.State;
            foreach (var action in step.Actions)
            {
                if (action.Kind == VrrpActionKind.SendAdvert && !Blocked)
                {
                    var to = node == Lb1 ? Lb2 : Lb1;
                    var buffer = new byte[node.Writer.Length];
                    node.Writer.Write(buffer, action.Priority, node.Peer);
                    _wire.Enqueue((to, buffer, new VrrpReceiveMetadata(node.Self, node.Peer, 255)));
                }
            }
        }

        private (Node? Node, VrrpEvent Event, DateTimeOffset At) NextTimer()
        {
            (Node? Node, VrrpEvent Event, DateTimeOffset At) next = (null, default, DateTimeOffset.MaxValue);
            foreach (var node in new[] { Lb1, Lb2 })
            {
                var s = node.State;
                if (s.MasterDownDeadline is { } down && down < next.At)
                {
                    next = (node, VrrpEvent.MasterDownTimerFired(down), down);
                }

                if (s.AdvertDeadline is { } advert && advert < next.At)
                {
                    next = (node, VrrpEvent.AdvertTimerFired(advert), advert);
                }

                if (s.PreemptDeadline is { } preempt && preempt < next.At)
                {
                    next = (node, VrrpEvent.PreemptDelayElapsed(preempt), preempt);
                }
            }

            return next;
        }
    }
}
