using HaKube.Vrrpd.StateMachine;
using static HaKube.Vrrpd.StateMachine.VrrpActionKind;
using static HaKube.Vrrpd.Tests.StateMachine.VrrpStateMachineInitializeTests;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>What a member does when its sync group (vrrp_sync_group) moves it: follow to Master, resign to Backup and hold.</summary>
public sealed class VrrpStateMachineSyncGroupTests
{
    private static VrrpHarness Backup(byte priority = 100)
    {
        var h = new VrrpHarness(VrrpHarness.V3(priority) with { UnicastPeerCount = 1 });
        h.Handle(VrrpEvent.Startup);
        return h;
    }

    private static VrrpHarness Master(byte priority = 100)
    {
        var h = Backup(priority);
        h.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(VrrpState.Master, h.State.State);
        return h;
    }

    [Fact]
    public void Backup_SyncGroupMaster_TakesOverAtOnce_WithTheSyncGroupReason_Rfc5798_6_4_2_Extension()
    {
        var h = Backup();
        h.Advert(90, VrrpHarness.LowerPeer); // a lower Master we were about to preempt anyway

        var actions = h.Handle(VrrpEvent.SyncGroupMaster);

        Assert.Equal([CancelTimers, AddVirtualAddresses, SendAdvert, SendGratuitousArps, RecordResignation, ArmAdvertTimer, StateChanged], Kinds(actions));
        Assert.Equal((VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.SyncGroup), (actions[^1].From, actions[^1].To, actions[^1].Reason));
    }

    [Theory]
    [InlineData(110)]
    [InlineData(100)] // equal priority, higher address: it wins the election (RFC 5798 6.4.3)
    public void Backup_SyncGroupMaster_StaysBackup_WhileALiveMasterBeatsIt_Rfc5798_6_4_2_Extension(byte masterPriority)
    {
        var h = Backup();
        h.Advert(masterPriority, VrrpHarness.HigherPeer);

        Assert.Empty(h.Handle(VrrpEvent.SyncGroupMaster));
        Assert.Equal(VrrpState.Backup, h.State.State);

        // It follows once that Master resigns.
        h.Advert(0, VrrpHarness.HigherPeer);
        Assert.Equal(VrrpState.Master, h.State.State);
    }

    [Fact]
    public void SyncGroupMaster_IsIgnored_InFaultMaintenanceOrMaster_Rfc5798_6_4_Extension()
    {
        var h = Backup();
        h.Handle(VrrpEvent.MaintenanceOn);
        Assert.Empty(h.Handle(VrrpEvent.SyncGroupMaster));
        h.Handle(VrrpEvent.MaintenanceOff);
        h.Handle(VrrpEvent.Fault);
        Assert.Empty(h.Handle(VrrpEvent.SyncGroupMaster));
        Assert.Empty(Master().Handle(VrrpEvent.SyncGroupMaster));
    }

    [Fact]
    public void Master_SyncGroupBackup_RemovesAddressesFirst_ResignsWithPriorityZero_AndWatchesForTheNewMaster_Rfc5798_6_4_3_Extension()
    {
        var h = Master(110);

        var actions = h.Handle(VrrpEvent.SyncGroupBackup);

        Assert.Equal([ForgetResignation, CancelTimers, RemoveVirtualAddresses, SendAdvert, CancelTimers, ArmMasterDownTimer, StateChanged], Kinds(actions));
        Assert.Equal(0, actions[3].Priority);
        Assert.Equal((VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.SyncGroup), (actions[^1].From, actions[^1].To, actions[^1].Reason));
        Assert.True(h.State.SyncGroupHold);
    }

    [Fact]
    public void SyncGroupBackup_IsIgnoredOutsideMaster_Rfc5798_6_4_Extension()
    {
        var h = Backup();
        Assert.Empty(h.Handle(VrrpEvent.SyncGroupBackup));
        Assert.False(h.State.SyncGroupHold);
    }

    [Fact]
    public void HeldBackup_AcceptsTheLowerMasterItGaveWayTo_InsteadOfPreempting_Rfc5798_6_4_2_Extension()
    {
        var h = Master(110);
        h.Handle(VrrpEvent.SyncGroupBackup);

        // The peer took over at 100; without the hold, 110 would discard its adverts and preempt it (RFC 5798 6.4.2).
        for (var i = 0; i < 10; i++)
        {
            h.Advert(100, VrrpHarness.LowerPeer);
            h.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(VrrpState.Backup, h.State.State);
        Assert.Equal((VrrpHarness.LowerPeer, (byte)100, (byte)100), (h.State.MasterAddress, h.State.MasterPriority, h.State.SyncGroupHoldPriority));
    }

    [Fact]
    public void HeldBackup_PreemptsAgain_WhenThatMastersPriorityFalls_Rfc5798_6_4_2_Extension()
    {
        var h = Master(110);
        h.Handle(VrrpEvent.SyncGroupBackup);
        h.Advert(100, VrrpHarness.LowerPeer);

        // The peer lost priority of its own: that is a new election, not the group taking back what it gave away.
        h.Advert(95, VrrpHarness.LowerPeer);
        Assert.False(h.State.SyncGroupHold);
        h.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(VrrpState.Master, h.State.State);
        Assert.Equal(VrrpTransitionReason.MasterDown, h.State.LastTransitionReason);
    }

    [Fact]
    public void Hold_EndsOnBecomingMasterOrFault_Rfc5798_6_4_Extension()
    {
        var h = Master(110);
        h.Handle(VrrpEvent.SyncGroupBackup);
        h.Handle(VrrpEvent.SyncGroupMaster);
        Assert.Equal(VrrpState.Master, h.State.State);
        Assert.False(h.State.SyncGroupHold);

        h.Handle(VrrpEvent.SyncGroupBackup);
        h.Handle(VrrpEvent.Fault);
        Assert.False(h.State.SyncGroupHold);
    }

    [Fact]
    public void HeldBackup_StillTakesOver_WhenTheMasterGoesSilent_Rfc5798_6_4_2_Extension()
    {
        var h = Master(110);
        h.Handle(VrrpEvent.SyncGroupBackup);
        h.Advert(100, VrrpHarness.LowerPeer);

        h.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(VrrpState.Master, h.State.State);
        Assert.Equal(VrrpTransitionReason.MasterDown, h.State.LastTransitionReason);
    }
}
