using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;
using static HaKube.Vrrpd.StateMachine.VrrpActionKind;
using static HaKube.Vrrpd.Tests.StateMachine.VrrpStateMachineInitializeTests;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>RFC 5798 6.4.2: the Backup state.</summary>
public sealed class VrrpStateMachineBackupTests
{
    private static readonly TimeSpan MasterDown100 = TimeSpan.FromTicks(36_093_750);
    private static readonly TimeSpan Skew100 = TimeSpan.FromTicks(6_093_750);

    private static VrrpHarness Backup(VrrpMachineSettings? settings = null)
    {
        var h = new VrrpHarness(settings ?? VrrpHarness.V3());
        h.Handle(VrrpEvent.Startup);
        Assert.Equal(VrrpState.Backup, h.State.State);
        return h;
    }

    [Fact]
    public void Backup_Shutdown_CancelsTimerAndGoesToInitialize_Rfc5798_6_4_2()
    {
        var h = Backup();

        Assert.Equal([CancelTimers, StateChanged], Kinds(h.Handle(VrrpEvent.Shutdown)));
        Assert.Equal(VrrpState.Initialize, h.State.State);
        Assert.Empty(h.ArmedTimers);
    }

    [Fact]
    public void Backup_MasterDownTimerFires_BecomesMaster_Rfc5798_6_4_2()
    {
        var h = Backup();

        Assert.Empty(h.Advance(MasterDown100 - TimeSpan.FromTicks(1)));
        var actions = h.Advance(TimeSpan.FromTicks(1));

        Assert.Equal([CancelTimers, AddVirtualAddresses, SendAdvert, SendGratuitousArps, RecordResignation, ArmAdvertTimer, StateChanged], Kinds(actions));
        Assert.Equal(VrrpTransitionReason.MasterDown, actions[^1].Reason);
        Assert.Equal([100], h.SentAdverts);
        Assert.True(h.HoldsVirtualAddresses);
    }

    [Fact]
    public void Backup_ReceivesPriorityZero_SetsMasterDownTimerToSkewTime_Rfc5798_6_4_2()
    {
        var h = Backup();
        h.Advance(TimeSpan.FromSeconds(1));

        var actions = h.Advert(0);

        var arm = Assert.Single(actions);
        Assert.Equal(ArmMasterDownTimer, arm.Kind);
        Assert.Equal(Skew100, arm.Delay);
        Assert.Equal(VrrpState.Master, h.Advance(Skew100)[^1].To);
    }

    [Fact]
    public void Backup_WithOneUnicastPeer_ReceivesPriorityZeroFromItsMaster_TakesOverAtOnce_Rfc5798_6_4_2_Extension()
    {
        var h = Backup(VrrpHarness.V3() with { UnicastPeerCount = 1 });
        h.Advert(150, VrrpHarness.HigherPeer);

        var actions = h.Advert(0, VrrpHarness.HigherPeer);

        Assert.Equal(VrrpState.Master, h.State.State);
        Assert.Equal(VrrpTransitionReason.PriorityZeroReceived, actions[^1].Reason);
        Assert.Contains(actions, a => a.Kind == SendGratuitousArps);
    }

    [Fact]
    public void Backup_WithOneUnicastPeerAndFastTakeoverOff_ReceivesPriorityZero_WaitsSkewTime_Rfc5798_6_4_2()
    {
        var h = Backup(VrrpHarness.V3() with { UnicastPeerCount = 1, FastTakeoverOnPriorityZero = false });
        Assert.Equal(Skew100, Assert.Single(h.Advert(0)).Delay);
    }

    [Fact]
    public void Backup_WithTwoPeersAndFastTakeoverOn_ReceivesPriorityZero_TakesOverAtOnce_Rfc5798_6_4_2_Extension()
    {
        var settings = VrrpHarness.V3() with { UnicastPeerCount = 2, FastTakeoverOnPriorityZero = true };
        Assert.False((VrrpHarness.V3() with { UnicastPeerCount = 2 }).EffectiveFastTakeover);
        var h = Backup(settings);
        h.Advert(150, VrrpHarness.HigherPeer);
        h.Advert(0, VrrpHarness.HigherPeer);
        Assert.Equal(VrrpState.Master, h.State.State);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(100)]
    public void Backup_ReceivesHigherOrEqualPriority_ResetsMasterDownTimer_Rfc5798_6_4_2(byte priority)
    {
        var h = Backup();
        h.Advance(TimeSpan.FromSeconds(3));

        var arm = Assert.Single(h.Advert(priority, VrrpHarness.LowerPeer));

        Assert.Equal((ArmMasterDownTimer, MasterDown100), (arm.Kind, arm.Delay));
        Assert.Equal(VrrpHarness.LowerPeer, h.State.MasterAddress);
        Assert.Empty(h.Advance(TimeSpan.FromSeconds(3)));
        Assert.Equal(VrrpState.Backup, h.State.State);
    }

    [Fact]
    public void Backup_V3_AdoptsTheMastersAdverInterval_Rfc5798_6_4_2()
    {
        var h = Backup();

        var arm = Assert.Single(h.Advert(200, interval: 50));

        // 3 * 50 cs + ((256 - 100) * 50) / 256 cs = 150 + 30.46875 cs.
        Assert.Equal(TimeSpan.FromTicks(18_046_875), arm.Delay);
        Assert.Equal(50, h.State.MasterAdverIntervalCentiseconds);
    }

    [Fact]
    public void Backup_V2_KeepsItsOwnAdvertisementInterval_Rfc3768_6_4_2()
    {
        var h = Backup(VrrpHarness.V2());

        var arm = Assert.Single(h.Advert(200, interval: 100));

        Assert.Equal(MasterDown100, arm.Delay);
        Assert.Equal(100, h.State.MasterAdverIntervalCentiseconds);
    }

    [Fact]
    public void Backup_Preempting_DiscardsLowerPriority_ThenTakesOverOnMasterDown_Rfc5798_6_4_2()
    {
        var h = Backup();

        Assert.Empty(h.Advert(99, VrrpHarness.HigherPeer));
        Assert.Empty(h.Advance(TimeSpan.FromSeconds(1)));
        Assert.Empty(h.Advert(99, VrrpHarness.HigherPeer));
        var actions = h.Advance(MasterDown100 - TimeSpan.FromSeconds(1));

        Assert.Equal(VrrpTransitionReason.MasterDown, actions[^1].Reason);
        Assert.Equal(VrrpState.Master, h.State.State);
    }

    [Fact]
    public void Backup_NoPreempt_AcceptsLowerPriorityAsMaster_Rfc5798_6_4_2()
    {
        var h = Backup(VrrpHarness.V3() with { Preempt = false });

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ArmMasterDownTimer, Assert.Single(h.Advert(50, VrrpHarness.LowerPeer)).Kind);
            h.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(VrrpState.Backup, h.State.State);
        Assert.Equal(50, h.State.MasterPriority);
    }

    [Fact]
    public void Backup_PreemptDelay_ToleratesLowerMasterUntilItElapses_ThenTakesOver_Rfc5798_6_4_2_Extension()
    {
        var h = Backup(VrrpHarness.V3() with { PreemptDelay = TimeSpan.FromSeconds(5) });
        Assert.Contains(VrrpActionKind.ArmPreemptDelayTimer, h.ArmedTimers);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ArmMasterDownTimer, Assert.Single(h.Advert(50, VrrpHarness.LowerPeer)).Kind);
            Assert.Empty(h.Advance(TimeSpan.FromSeconds(1)));
        }

        h.Advert(50, VrrpHarness.LowerPeer);
        var actions = h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(VrrpTransitionReason.PreemptDelayElapsed, actions[^1].Reason);
        Assert.Equal(VrrpState.Master, h.State.State);
    }

    [Fact]
    public void Backup_PreemptDelay_StartsWhenALowerMasterIsFirstHeard_NotOnlyAfterStartup_Rfc5798_6_4_2_Extension()
    {
        // Keepalived's preempt_delay: a Backup that has followed a higher Master for a while (its priority was
        // lowered by a track script, say) waits the delay again once that Master is the lower one.
        var h = Backup(VrrpHarness.V3() with { PreemptDelay = TimeSpan.FromSeconds(5) });
        for (var i = 0; i < 10; i++)
        {
            h.Advert(150, VrrpHarness.HigherPeer);
            h.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(h.State.PreemptDeadline);
        var heard = h.Now;
        var first = h.Advert(50, VrrpHarness.HigherPeer);
        Assert.Contains(first, a => a.Kind == ArmPreemptDelayTimer);
        for (var i = 0; i < 4; i++)
        {
            Assert.Empty(h.Advance(TimeSpan.FromSeconds(1)));
            Assert.Equal(ArmMasterDownTimer, Assert.Single(h.Advert(50, VrrpHarness.HigherPeer)).Kind);
        }

        var actions = h.Advance(heard + TimeSpan.FromSeconds(5) - h.Now);
        Assert.Equal(VrrpTransitionReason.PreemptDelayElapsed, actions[^1].Reason);
        Assert.Equal(VrrpState.Master, h.State.State);
    }

    [Fact]
    public void Backup_PreemptDelay_AHigherAdvertEndsTheWait_Rfc5798_6_4_2_Extension()
    {
        var h = Backup(VrrpHarness.V3() with { PreemptDelay = TimeSpan.FromSeconds(5) });
        h.Advert(50, VrrpHarness.HigherPeer);
        h.Advance(TimeSpan.FromSeconds(2));
        h.Advert(150, VrrpHarness.HigherPeer);
        Assert.Null(h.State.PreemptDeadline);

        // The stale preempt timer fires; a Master at 150 is followed, not preempted.
        Assert.Empty(h.Advance(TimeSpan.FromSeconds(3)));
        Assert.Equal(VrrpState.Backup, h.State.State);
    }

    [Fact]
    public void Backup_AddressOwner_PreemptsEvenWithNoPreempt_Rfc5798_6_1()
    {
        // RFC 5798 6.1, Preempt_Mode: the owner of the address always preempts. An owner is Backup only after it
        // lost a tie with another 255 (a misconfiguration); once that one is gone, a lower Master is not followed.
        var h = new VrrpHarness(VrrpHarness.V3(priority: 255) with { Preempt = false });
        h.Handle(VrrpEvent.Startup);
        Assert.Equal(VrrpState.Master, h.State.State);
        h.Advert(255, VrrpHarness.HigherPeer);
        Assert.Equal(VrrpState.Backup, h.State.State);

        Assert.Empty(h.Advert(100, VrrpHarness.LowerPeer));
        Assert.Equal(VrrpHarness.HigherPeer, h.State.MasterAddress);
    }

    [Fact]
    public void Backup_PreemptDelayElapses_WithHigherMaster_StaysBackup_Rfc5798_6_4_2_Extension()
    {
        var h = Backup(VrrpHarness.V3() with { PreemptDelay = TimeSpan.FromSeconds(2) });
        h.Advert(150);
        Assert.Empty(h.Advance(TimeSpan.FromSeconds(2)));
        Assert.Equal(VrrpState.Backup, h.State.State);
        Assert.Null(h.State.PreemptDeadline);
    }

    [Fact]
    public void Backup_StaleMasterDownTimerFire_IsIgnored_Rfc5798_6_4_2()
    {
        var h = Backup();
        var first = h.State.MasterDownDeadline!.Value;
        h.Advance(TimeSpan.FromSeconds(1));
        h.Advert(150);

        // The fire of the first timer raced with the advert that re-armed it.
        h.Advance(first - h.Now);
        Assert.Empty(h.Handle(VrrpEvent.MasterDownTimerFired(first)));
        Assert.Equal(VrrpState.Backup, h.State.State);
    }

    [Fact]
    public void Backup_Fault_CancelsTimersAndEntersFault_Rfc5798_6_4_2_Extension()
    {
        var h = Backup();

        Assert.Equal([CancelTimers, StateChanged], Kinds(h.Handle(VrrpEvent.Fault)));
        Assert.Equal(VrrpState.Fault, h.State.State);
        Assert.Empty(h.Advance(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Backup_EffectivePriorityZero_EntersFault_Rfc5798_6_4_2_Extension()
    {
        var h = Backup();
        h.Handle(VrrpEvent.PriorityChanged(0));
        Assert.Equal(VrrpState.Fault, h.State.State);
    }

    [Fact]
    public void Backup_PriorityChanged_ShortensTheNextMasterDownInterval_Rfc5798_6_1()
    {
        var h = Backup();
        Assert.Empty(h.Handle(VrrpEvent.PriorityChanged(200)));
        Assert.Equal(VrrpTimers.MasterDownInterval(VrrpVersion.V3, 200, 100), Assert.Single(h.Advert(250)).Delay);
    }

    [Fact]
    public void Backup_Maintenance_NeverBecomesMaster_AndWatchesAgainWhenOff_Rfc5798_6_4_2_Extension()
    {
        var h = Backup(VrrpHarness.V3() with { UnicastPeerCount = 1 });

        Assert.Equal([CancelTimers], Kinds(h.Handle(VrrpEvent.MaintenanceOn)));
        Assert.Empty(h.Advert(150));
        Assert.Empty(h.Advert(0));
        Assert.Empty(h.Advance(TimeSpan.FromMinutes(1)));
        Assert.Equal(VrrpState.Backup, h.State.State);

        Assert.Equal([ArmMasterDownTimer], Kinds(h.Handle(VrrpEvent.MaintenanceOff)));
        Assert.Equal(VrrpState.Master, h.Advance(MasterDown100)[^1].To);
    }
}
