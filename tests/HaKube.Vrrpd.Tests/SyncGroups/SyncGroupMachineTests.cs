using HaKube.Vrrpd.StateMachine;
using HaKube.Vrrpd.SyncGroups;
using static HaKube.Vrrpd.StateMachine.VrrpState;
using static HaKube.Vrrpd.StateMachine.VrrpTransitionReason;

namespace HaKube.Vrrpd.Tests.SyncGroups;

/// <summary>Keepalived's vrrp_sync_group semantics as a pure function of (group state, member event).</summary>
public sealed class SyncGroupMachineTests
{
    private static SyncGroupState Running(params (string Member, VrrpState State)[] members)
    {
        var state = SyncGroupState.Initial("lbs", members.Select(m => m.Member));
        foreach (var (member, s) in members)
        {
            state = SyncGroupMachine.Step(state, SyncGroupEvent.Changed(member, Initialize, s, Startup)).State;
        }

        return state;
    }

    private static SyncGroupStep Changed(SyncGroupState state, string member, VrrpState from, VrrpState to, VrrpTransitionReason reason) =>
        SyncGroupMachine.Step(state, SyncGroupEvent.Changed(member, from, to, reason));

    [Fact]
    public void StartsBackup_WithoutANotify_AsKeepalived()
    {
        var state = SyncGroupState.Initial("lbs", ["va", "vb"]);
        var step = Changed(state, "va", Initialize, Backup, Startup);
        Assert.Equal(Backup, step.State.State);
        Assert.Empty(step.Actions);
    }

    [Theory]
    [InlineData(nameof(MasterDown))]
    [InlineData(nameof(PriorityZeroReceived))]
    [InlineData(nameof(PreemptDelayElapsed))]
    [InlineData(nameof(AddressOwner))]
    public void MemberBecomesMasterOnItsOwn_GroupGoesMaster_BackupMembersFollow(string reason)
    {
        var state = Running(("va", Backup), ("vb", Backup), ("vc", VrrpState.Fault));

        var step = Changed(state, "va", Backup, Master, Enum.Parse<VrrpTransitionReason>(reason));

        Assert.Equal(Master, step.State.State);
        Assert.Equal([SyncGroupAction.GroupChanged(Backup, Master, "va"), SyncGroupAction.Force("vb", Master)], step.Actions);
    }

    [Fact]
    public void ForcedTransitions_NeverMoveTheGroupAgain()
    {
        var state = Changed(Running(("va", Backup), ("vb", Backup)), "va", Backup, Master, MasterDown).State;

        var step = Changed(state, "vb", Backup, Master, SyncGroup);

        Assert.Equal(Master, step.State.State);
        Assert.Empty(step.Actions);
    }

    [Fact]
    public void AMemberReachingTheGroupsStateLater_ChangesNothing()
    {
        var state = Changed(Running(("va", Backup), ("vb", Backup)), "va", Backup, Master, MasterDown).State;
        var step = Changed(state, "vb", Backup, Master, PriorityZeroReceived);
        Assert.Empty(step.Actions);
    }

    [Fact]
    public void PreemptedMaster_GroupGoesBackup_MasterMembersResign()
    {
        var state = Running(("va", Master), ("vb", Master), ("vc", Backup));
        Assert.Equal(Master, state.State);

        var step = Changed(state, "va", Master, Backup, HigherPriorityAdvert);

        Assert.Equal(Backup, step.State.State);
        Assert.Equal([SyncGroupAction.GroupChanged(Master, Backup, "va"), SyncGroupAction.Force("vb", Backup)], step.Actions);
        // vb's forced resignation then changes nothing.
        Assert.Empty(Changed(step.State, "vb", Master, Backup, SyncGroup).Actions);
    }

    [Fact]
    public void AForcedMasterThatRacedWithTheGroupGoingBackup_IsSentBack()
    {
        // va went Master, vb was told to follow; before vb got to it, va was preempted and the group went Backup.
        var state = Changed(Running(("va", Backup), ("vb", Backup)), "va", Backup, Master, MasterDown).State;
        state = Changed(state, "va", Master, Backup, HigherPriorityAdvert).State;

        var step = Changed(state, "vb", Backup, Master, SyncGroup);

        Assert.Equal([SyncGroupAction.Force("vb", Backup)], step.Actions);
        Assert.Equal(Backup, step.State.State);
    }

    [Fact]
    public void OwnFault_FaultsTheGroup_EveryOtherMemberHoldsIt_UntilTheLastOwnFaultEnds()
    {
        var state = Running(("va", Master), ("vb", Master), ("vc", Master));

        var a = SyncGroupMachine.Step(state, SyncGroupEvent.OwnFault("va", true));
        Assert.Equal(VrrpState.Fault, a.State.State);
        Assert.Equal(
            [SyncGroupAction.MemberFault("vb", "va", true), SyncGroupAction.MemberFault("vc", "va", true), SyncGroupAction.GroupChanged(Master, VrrpState.Fault, "va")],
            a.Actions);

        var b = SyncGroupMachine.Step(a.State, SyncGroupEvent.OwnFault("vb", true));
        Assert.DoesNotContain(b.Actions, x => x.Kind == SyncGroupActionKind.GroupChanged);

        // Members entering Fault, and the election while in fault, move nothing.
        Assert.Empty(Changed(b.State, "vc", Master, VrrpState.Fault, VrrpTransitionReason.Fault).Actions);
        Assert.Empty(Changed(b.State, "vc", VrrpState.Fault, Master, AddressOwner).Actions);

        var c = SyncGroupMachine.Step(b.State, SyncGroupEvent.OwnFault("va", false));
        Assert.Equal(VrrpState.Fault, c.State.State);
        var d = SyncGroupMachine.Step(c.State, SyncGroupEvent.OwnFault("vb", false));
        Assert.Equal(Backup, d.State.State);
        Assert.Equal(SyncGroupAction.GroupChanged(VrrpState.Fault, Backup, "vb"), d.Actions[^1]);
        Assert.Empty(SyncGroupMachine.Step(d.State, SyncGroupEvent.OwnFault("vb", false)).Actions);
    }

    [Fact]
    public void AMemberThatStarts_LearnsTheFaultsOfTheOthers_AndFollowsAMasterGroup()
    {
        var state = SyncGroupMachine.Step(Running(("va", Backup), ("vb", Backup)), SyncGroupEvent.OwnFault("va", true)).State;
        Assert.Equal([SyncGroupAction.MemberFault("vb", "va", true)], SyncGroupMachine.Step(state, SyncGroupEvent.Started("vb")).Actions);

        var master = Changed(Running(("va", Backup), ("vb", Initialize)), "va", Backup, Master, MasterDown).State;
        Assert.Equal([SyncGroupAction.Force("vb", Master)], SyncGroupMachine.Step(master, SyncGroupEvent.Started("vb")).Actions);
    }

    [Fact]
    public void EveryMasterLeavingForMaintenance_LeavesTheGroupBackup_WithoutForcingAnyone()
    {
        var state = Running(("va", Master), ("vb", Master));
        var a = Changed(state, "va", Master, Backup, Maintenance);
        Assert.Empty(a.Actions);
        var b = Changed(a.State, "vb", Master, Backup, Maintenance);
        Assert.Equal([SyncGroupAction.GroupChanged(Master, Backup, "vb")], b.Actions);
    }

    [Fact]
    public void TheLastMemberToStop_StopsTheGroup_AndAStartAfterwardsIsBackupAgain()
    {
        var state = Running(("va", Master), ("vb", Master));
        var a = Changed(state, "va", Master, Initialize, Shutdown);
        Assert.Empty(a.Actions);
        var b = Changed(a.State, "vb", Master, Initialize, Shutdown);
        Assert.Equal([SyncGroupAction.GroupChanged(Master, Initialize, "vb")], b.Actions);

        var c = Changed(b.State, "va", Initialize, Backup, Startup);
        Assert.Equal(Backup, c.State.State);
        Assert.Empty(c.Actions);
    }

    [Fact]
    public void EventsAboutOtherInstances_AreIgnored()
    {
        var state = Running(("va", Backup), ("vb", Backup));
        Assert.Same(state, SyncGroupMachine.Step(state, SyncGroupEvent.Changed("vz", Backup, Master, MasterDown)).State);
    }

    [Fact]
    public void TheWeakestMembersPriority_IsEveryMembersCeiling()
    {
        var state = Running(("va", Master), ("vb", Master));
        var a = SyncGroupMachine.Step(state, SyncGroupEvent.OwnPriority("va", 110));
        Assert.Equal([SyncGroupAction.Ceiling("va", 110), SyncGroupAction.Ceiling("vb", 110)], a.Actions);
        var b = SyncGroupMachine.Step(a.State, SyncGroupEvent.OwnPriority("vb", 110));
        Assert.Empty(b.Actions);

        // va's track_file takes 20 off: vb may advertise no more than va.
        var c = SyncGroupMachine.Step(b.State, SyncGroupEvent.OwnPriority("va", 90));
        Assert.Equal([SyncGroupAction.Ceiling("va", 90), SyncGroupAction.Ceiling("vb", 90)], c.Actions);
        Assert.Equal(90, c.State.PriorityCeiling);

        var d = SyncGroupMachine.Step(c.State, SyncGroupEvent.OwnPriority("va", 110));
        Assert.Equal(110, d.State.PriorityCeiling);
    }

    [Fact]
    public void Ceiling_LeavesOutOwnersFaultsAndStoppedMembers_AndReachesAMemberThatStarts()
    {
        var state = Running(("va", Master), ("vb", Master));
        state = SyncGroupMachine.Step(state, SyncGroupEvent.OwnPriority("va", 255)).State;
        Assert.Equal(255, state.PriorityCeiling);
        state = SyncGroupMachine.Step(state, SyncGroupEvent.OwnPriority("vb", 100)).State;
        Assert.Equal(100, state.PriorityCeiling);
        state = SyncGroupMachine.Step(state, SyncGroupEvent.OwnPriority("va", 80)).State;
        Assert.Equal(80, state.PriorityCeiling);
        state = SyncGroupMachine.Step(state, SyncGroupEvent.OwnPriority("va", 0)).State; // in fault of its own
        Assert.Equal(100, state.PriorityCeiling);

        Assert.Contains(SyncGroupAction.Ceiling("va", 100), SyncGroupMachine.Step(state, SyncGroupEvent.Started("va")).Actions);

        var stopped = Changed(state, "vb", Master, Initialize, Shutdown);
        Assert.Equal(255, stopped.State.PriorityCeiling);
        Assert.Contains(SyncGroupAction.Ceiling("va", 255), stopped.Actions);
    }
}
