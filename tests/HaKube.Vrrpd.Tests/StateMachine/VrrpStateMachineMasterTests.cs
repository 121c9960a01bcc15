using HaKube.Vrrpd.StateMachine;
using static HaKube.Vrrpd.StateMachine.VrrpActionKind;
using static HaKube.Vrrpd.Tests.StateMachine.VrrpStateMachineInitializeTests;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>RFC 5798 6.4.3: the Master state.</summary>
public sealed class VrrpStateMachineMasterTests
{
    private static VrrpHarness Master(VrrpMachineSettings? settings = null)
    {
        var h = new VrrpHarness(settings ?? VrrpHarness.V3());
        h.Handle(VrrpEvent.Startup);
        h.Advance(h.State.MasterDownDeadline!.Value - h.Now);
        Assert.Equal(VrrpState.Master, h.State.State);
        h.SentAdverts.Clear();
        return h;
    }

    [Fact]
    public void Master_Shutdown_SendsPriorityZeroAndRemovesAddresses_Rfc5798_6_4_3()
    {
        var h = Master();

        var actions = h.Handle(VrrpEvent.Shutdown);

        Assert.Equal([ForgetResignation, CancelTimers, RemoveVirtualAddresses, SendAdvert, StateChanged], Kinds(actions));
        Assert.Equal([0], h.SentAdverts);
        Assert.Equal((VrrpState.Master, VrrpState.Initialize, VrrpTransitionReason.Shutdown), (actions[^1].From, actions[^1].To, actions[^1].Reason));
        Assert.Empty(h.ArmedTimers);
    }

    [Fact]
    public void Master_AdverTimerFires_SendsAdvertAndRearms_Rfc5798_6_4_3()
    {
        var h = Master();

        var actions = h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Repeat<byte>(100, 10), h.SentAdverts);
        Assert.All(actions.Where(a => a.Kind == ArmAdvertTimer), a => Assert.Equal(TimeSpan.FromSeconds(1), a.Delay));
    }

    [Fact]
    public void Master_ReceivesPriorityZero_SendsAdvertAndResetsAdverTimer_Rfc5798_6_4_3()
    {
        var h = Master();
        h.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal([SendAdvert, ArmAdvertTimer], Kinds(h.Advert(0)));
        Assert.Equal(h.Now + TimeSpan.FromSeconds(1), h.State.AdvertDeadline);
        Assert.Equal(VrrpState.Master, h.State.State);
    }

    [Fact]
    public void Master_ReceivesHigherPriority_BecomesBackupAndRemovesAddresses_Rfc5798_6_4_3()
    {
        var h = Master();

        var actions = h.Advert(101, VrrpHarness.LowerPeer);

        Assert.Equal([ForgetResignation, CancelTimers, RemoveVirtualAddresses, SendAdvert, ArmMasterDownTimer, StateChanged], Kinds(actions));
        Assert.Equal(VrrpTransitionReason.HigherPriorityAdvert, actions[^1].Reason);
        Assert.False(h.HoldsVirtualAddresses);
        Assert.Equal(VrrpHarness.LowerPeer, h.State.MasterAddress);
    }

    /// <summary>
    /// Beyond 6.4.3: the loser of a split brain sends one advert at its own priority once its addresses are gone, so a
    /// winner that never heard it answers and refreshes its gratuitous ARPs (clients may still point at the loser).
    /// </summary>
    [Fact]
    public void Master_ReceivesHigherPriority_SendsAPartingAdvertAtItsOwnPriority_AfterItsAddresses_Rfc5798_6_4_3_Extension()
    {
        var h = Master();

        var actions = h.Advert(101, VrrpHarness.LowerPeer);

        Assert.Equal([(byte)100], h.SentAdverts);
        Assert.True(Array.FindIndex(actions, a => a.Kind == RemoveVirtualAddresses) < Array.FindIndex(actions, a => a.Kind == SendAdvert));
    }

    [Fact]
    public void Master_ReceivesEqualPriorityFromHigherAddress_BecomesBackup_Rfc5798_6_4_3()
    {
        var h = Master();
        h.Advert(100, VrrpHarness.HigherPeer);
        Assert.Equal(VrrpState.Backup, h.State.State);
    }

    // RFC 5798 6.4.3 discards an advert that does not beat the Master; vrrpd answers it at once and refreshes its
    // gratuitous ARPs instead, so a split brain heals at the other side's next advert (issue 3 point 2).
    [Fact]
    public void Master_ReceivesEqualPriorityFromLowerAddress_AnswersAtOnce_Rfc5798_6_4_3_Extension()
    {
        var h = Master();

        Assert.Equal([SendAdvert, ArmAdvertTimer, SendGratuitousArps], Kinds(h.Advert(100, VrrpHarness.LowerPeer)));
        Assert.Equal(VrrpState.Master, h.State.State);
    }

    [Fact]
    public void Master_ReceivesLowerPriority_AnswersAtOnceAndRefreshesGratuitousArps_Rfc5798_6_4_3_Extension()
    {
        var h = Master();
        var bursts = h.GratuitousArpBursts;

        var actions = h.Advert(50, VrrpHarness.HigherPeer);

        Assert.Equal([SendAdvert, ArmAdvertTimer, SendGratuitousArps], Kinds(actions));
        Assert.Equal([100], h.SentAdverts);
        Assert.Equal(bursts + 1, h.GratuitousArpBursts);
    }

    [Fact]
    public void Master_V3_ReceivesHigherPriority_AdoptsItsInterval_Rfc5798_6_4_3()
    {
        var h = Master();

        var actions = h.Advert(200, interval: 300);

        // 3 * 300 cs + ((256 - 100) * 300) / 256 cs = 900 + 182.8125 cs.
        Assert.Equal(TimeSpan.FromTicks(108_281_250), actions.Single(a => a.Kind == ArmMasterDownTimer).Delay);
        Assert.Equal(300, h.State.MasterAdverIntervalCentiseconds);
    }

    [Fact]
    public void Master_Fault_ResignsWithPriorityZeroAndRemovesAddresses_Rfc5798_6_4_3_Extension()
    {
        var h = Master();

        var actions = h.Handle(VrrpEvent.Fault);

        Assert.Equal([ForgetResignation, CancelTimers, RemoveVirtualAddresses, SendAdvert, StateChanged], Kinds(actions));
        Assert.Equal([0], h.SentAdverts);
        Assert.Equal(VrrpState.Fault, h.State.State);
    }

    [Fact]
    public void Master_EffectivePriorityZero_ResignsIntoFault_Rfc5798_6_4_3_Extension()
    {
        var h = Master();
        h.Handle(VrrpEvent.PriorityChanged(0));
        Assert.Equal([0], h.SentAdverts);
        Assert.Equal(VrrpState.Fault, h.State.State);
    }

    [Fact]
    public void Master_PriorityChanged_AdvertisesTheNewPriorityAtOnce_Rfc5798_6_4_3_Extension()
    {
        var h = Master();

        Assert.Equal([SendAdvert, ArmAdvertTimer], Kinds(h.Handle(VrrpEvent.PriorityChanged(98))));
        Assert.Equal([98], h.SentAdverts);
        Assert.Empty(h.Handle(VrrpEvent.PriorityChanged(98)));
    }

    [Fact]
    public void Master_MaintenanceOn_ResignsWithPriorityZeroAndStaysBackup_Rfc5798_6_4_3_Extension()
    {
        var h = Master();

        var actions = h.Handle(VrrpEvent.MaintenanceOn);

        Assert.Equal([ForgetResignation, CancelTimers, RemoveVirtualAddresses, SendAdvert, StateChanged], Kinds(actions));
        Assert.Equal((VrrpState.Backup, VrrpTransitionReason.Maintenance), (h.State.State, actions[^1].Reason));
        Assert.Empty(h.Advance(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Master_StaleAdverTimerFire_IsIgnored_Rfc5798_6_4_3()
    {
        var h = Master();
        var first = h.State.AdvertDeadline!.Value;
        h.Advance(TimeSpan.FromMilliseconds(500));
        h.Advert(0);

        Assert.Empty(h.Handle(VrrpEvent.AdvertTimerFired(first)));
    }
}
