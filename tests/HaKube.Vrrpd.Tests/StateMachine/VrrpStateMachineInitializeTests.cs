using HaKube.Vrrpd.StateMachine;
using static HaKube.Vrrpd.StateMachine.VrrpActionKind;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>RFC 5798 6.4.1: the Initialize state.</summary>
public sealed class VrrpStateMachineInitializeTests
{
    internal static VrrpActionKind[] Kinds(IEnumerable<VrrpAction> actions) => [.. actions.Select(a => a.Kind)];

    [Fact]
    public void Initialize_StartupWithPriority255_BecomesMasterAtOnce_Rfc5798_6_4_1()
    {
        var h = new VrrpHarness(VrrpHarness.V3(priority: 255));

        var actions = h.Handle(VrrpEvent.Startup);

        Assert.Equal([CancelTimers, AddVirtualAddresses, SendAdvert, SendGratuitousArps, RecordResignation, ArmAdvertTimer, StateChanged], Kinds(actions));
        Assert.Equal(255, actions[2].Priority);
        Assert.Equal(TimeSpan.FromSeconds(1), actions[5].Delay);
        Assert.Equal((VrrpState.Initialize, VrrpState.Master, VrrpTransitionReason.AddressOwner), (actions[^1].From, actions[^1].To, actions[^1].Reason));
    }

    [Fact]
    public void Initialize_StartupBelow255_BecomesBackupWithMasterDownTimer_Rfc5798_6_4_1()
    {
        var h = new VrrpHarness(VrrpHarness.V3(priority: 100));

        var actions = h.Handle(VrrpEvent.Startup);

        Assert.Equal([CancelTimers, ArmMasterDownTimer, StateChanged], Kinds(actions));
        Assert.Equal(TimeSpan.FromTicks(36_093_750), actions[1].Delay);
        Assert.Equal(VrrpState.Backup, h.State.State);
        Assert.Equal(100, h.State.MasterAdverIntervalCentiseconds);
        Assert.Empty(h.SentAdverts);
    }

    [Fact]
    public void Initialize_StartupWhileFaulted_EntersFault_Rfc5798_6_4_1_Extension()
    {
        var h = new VrrpHarness(VrrpHarness.V3());
        Assert.Empty(h.Handle(VrrpEvent.Fault));

        var actions = h.Handle(VrrpEvent.Startup);

        Assert.Equal(VrrpState.Fault, h.State.State);
        Assert.Equal(VrrpTransitionReason.Fault, actions[^1].Reason);
    }

    [Fact]
    public void Initialize_StartupInMaintenanceWithPriority255_StaysBackupWithoutTimer_Rfc5798_6_4_1_Extension()
    {
        var h = new VrrpHarness(VrrpHarness.V3(priority: 255));
        h.Handle(VrrpEvent.MaintenanceOn);

        Assert.Equal([CancelTimers, StateChanged], Kinds(h.Handle(VrrpEvent.Startup)));
        Assert.Equal(VrrpState.Backup, h.State.State);
        Assert.Empty(h.Advance(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Initialize_IgnoresAdvertsTimersAndShutdown_Rfc5798_6_4_1()
    {
        var h = new VrrpHarness(VrrpHarness.V3());

        Assert.Empty(h.Advert(0));
        Assert.Empty(h.Advert(200));
        Assert.Empty(h.Handle(VrrpEvent.MasterDownTimerFired(h.Now)));
        Assert.Empty(h.Handle(VrrpEvent.AdvertTimerFired(h.Now)));
        Assert.Empty(h.Handle(VrrpEvent.Shutdown));
        Assert.Empty(h.Handle(VrrpEvent.PriorityChanged(50)));
        Assert.Equal(VrrpState.Initialize, h.State.State);
        Assert.Equal(50, h.State.Priority);
    }

    [Fact]
    public void Startup_Twice_IsIgnored_Rfc5798_6_4_1()
    {
        var h = new VrrpHarness(VrrpHarness.V3());
        h.Handle(VrrpEvent.Startup);
        Assert.Empty(h.Handle(VrrpEvent.Startup));
    }
}
