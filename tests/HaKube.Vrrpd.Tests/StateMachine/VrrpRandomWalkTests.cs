using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>
/// Random event sequences on virtual time; the harness checks after every step that the virtual
/// addresses are held exactly in Master, that StateChanged reports every change, that only a
/// Master advertises, and that the timers the state expects are the ones armed.
/// </summary>
public sealed class VrrpRandomWalkTests
{
    public static TheoryData<int> Seeds => new(1, 2, 3, 4, 5, 6, 7, 8);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomWalk_KeepsTheInvariants(int seed)
    {
        var random = new Random(seed);
        var settings = (VrrpHarness.V3(priority: (byte)random.Next(1, 256), interval: random.Next(1, 300)) with
        {
            Version = random.Next(2) == 0 ? Vrrpd.Protocol.VrrpVersion.V3 : Vrrpd.Protocol.VrrpVersion.V2,
            Preempt = random.Next(4) != 0,
            PreemptDelay = TimeSpan.FromSeconds(random.Next(3)),
            UnicastPeerCount = random.Next(3),
        });
        if (settings.Version == Vrrpd.Protocol.VrrpVersion.V2)
        {
            settings = settings with { AdvertisementIntervalCentiseconds = 100 * random.Next(1, 3) };
        }

        var h = new VrrpHarness(settings);
        var states = new HashSet<VrrpState>();
        for (var i = 0; i < 20_000; i++)
        {
            switch (random.Next(15))
            {
                case 0:
                    h.Handle(VrrpEvent.Startup);
                    break;
                case 1 when random.Next(8) == 0:
                    h.Handle(VrrpEvent.Shutdown);
                    break;
                case 2:
                case 3:
                case 4:
                    var source = random.Next(3) switch { 0 => VrrpHarness.LowerPeer, 1 => VrrpHarness.HigherPeer, _ => VrrpHarness.Self };
                    var priority = random.Next(4) == 0 ? (byte)0 : (byte)random.Next(1, 256);
                    h.Advert(priority, source, random.Next(1, 4096));
                    break;
                case 5:
                case 6:
                case 7:
                    h.Advance(TimeSpan.FromMilliseconds(random.Next(0, 5000)));
                    break;
                case 8:
                    // A timer fire that lost a race: any deadline, possibly stale.
                    var at = h.Now - TimeSpan.FromMilliseconds(random.Next(0, 5000));
                    h.Handle(random.Next(3) switch { 0 => VrrpEvent.MasterDownTimerFired(at), 1 => VrrpEvent.AdvertTimerFired(at), _ => VrrpEvent.PreemptDelayElapsed(at) });
                    break;
                case 9:
                    h.Handle(VrrpEvent.PriorityChanged(random.Next(6) == 0 ? (byte)0 : (byte)random.Next(1, 256)));
                    break;
                case 10:
                    h.Handle(random.Next(2) == 0 ? VrrpEvent.Fault : VrrpEvent.FaultCleared);
                    break;
                case 11 when random.Next(4) == 0:
                    h.Handle(random.Next(2) == 0 ? VrrpEvent.MaintenanceOn : VrrpEvent.MaintenanceOff);
                    break;
                case 12:
                    h.Handle(random.Next(2) == 0 ? VrrpEvent.SyncGroupMaster : VrrpEvent.SyncGroupBackup);
                    break;
                default:
                    h.Advance(TimeSpan.FromMilliseconds(random.Next(0, 200)));
                    break;
            }

            states.Add(h.State.State);
        }

        // The walk really went everywhere.
        Assert.Equal(4, states.Count);
    }
}
