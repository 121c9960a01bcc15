using HaKube.Vrrpd.StateMachine;
using static HaKube.Vrrpd.StateMachine.VrrpActionKind;
using static HaKube.Vrrpd.Tests.StateMachine.VrrpStateMachineInitializeTests;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>The Fault state (Keepalived's, not RFC 5798's): entered on a tracker fault or priority 0.</summary>
public sealed class VrrpStateMachineFaultTests
{
    private static VrrpHarness Fault(VrrpMachineSettings? settings = null)
    {
        var h = new VrrpHarness(settings ?? VrrpHarness.V3());
        h.Handle(VrrpEvent.Startup);
        h.Handle(VrrpEvent.Fault);
        Assert.Equal(VrrpState.Fault, h.State.State);
        return h;
    }

    [Fact]
    public void Fault_FaultCleared_EntersBackup_Rfc5798_6_4_1_Extension()
    {
        var h = Fault();

        var actions = h.Handle(VrrpEvent.FaultCleared);

        Assert.Equal([CancelTimers, ArmMasterDownTimer, StateChanged], Kinds(actions));
        Assert.Equal((VrrpState.Fault, VrrpState.Backup, VrrpTransitionReason.FaultCleared), (actions[^1].From, actions[^1].To, actions[^1].Reason));
    }

    [Fact]
    public void Fault_FaultClearedWithPriority255_BecomesMasterAtOnce_Rfc5798_6_4_1_Extension()
    {
        var h = Fault(VrrpHarness.V3(priority: 255));
        h.Handle(VrrpEvent.FaultCleared);
        Assert.Equal(VrrpState.Master, h.State.State);
    }

    [Fact]
    public void Fault_FromPriorityZero_LeavesWhenPriorityReturns_ButNotWhileATrackerFaults_Rfc5798_6_4_1_Extension()
    {
        var h = new VrrpHarness(VrrpHarness.V3());
        h.Handle(VrrpEvent.Startup);
        h.Handle(VrrpEvent.PriorityChanged(0));
        h.Handle(VrrpEvent.Fault);

        Assert.Empty(h.Handle(VrrpEvent.PriorityChanged(90)));
        Assert.Equal(VrrpState.Fault, h.State.State);
        h.Handle(VrrpEvent.FaultCleared);
        Assert.Equal(VrrpState.Backup, h.State.State);
        Assert.Equal(90, h.State.Priority);
    }

    [Fact]
    public void Fault_IgnoresAdvertsAndTimers_Rfc5798_6_4_1_Extension()
    {
        var h = Fault();
        Assert.Empty(h.Advert(0));
        Assert.Empty(h.Advert(50));
        Assert.Empty(h.Handle(VrrpEvent.MasterDownTimerFired(h.Now)));
        Assert.Empty(h.Handle(VrrpEvent.Fault));
    }

    [Fact]
    public void Fault_Shutdown_GoesToInitialize_Rfc5798_6_4_2_Extension()
    {
        var h = Fault();
        Assert.Equal([CancelTimers, StateChanged], Kinds(h.Handle(VrrpEvent.Shutdown)));
        Assert.Equal(VrrpState.Initialize, h.State.State);
    }

    [Fact]
    public void Fault_ClearedInMaintenance_EntersBackupWithoutTimer_Rfc5798_6_4_1_Extension()
    {
        var h = Fault(VrrpHarness.V3(priority: 255));
        h.Handle(VrrpEvent.MaintenanceOn);
        Assert.Equal([CancelTimers, StateChanged], Kinds(h.Handle(VrrpEvent.FaultCleared)));
        Assert.Equal(VrrpState.Backup, h.State.State);
    }
}
