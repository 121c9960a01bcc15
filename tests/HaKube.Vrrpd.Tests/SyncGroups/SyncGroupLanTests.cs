using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Tests.SyncGroups;

/// <summary>
/// vrrp_sync_group end to end on virtual time: two nodes, a group of two instances (two VRIDs), both sides running
/// the real state machine and group coordinator, with the loops interleaved at random (one seed per case).
/// </summary>
public sealed class SyncGroupLanTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    /// <summary>Odd seeds deliver adverts at once, even ones with up to 30 ms on the wire.</summary>
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    private static SyncGroupLan Elected(int seed)
    {
        // lb1 wins both elections (110 against 100).
        var lan = new SyncGroupLan(seed, ["va", "vb"], lb1Priority: 110, lb2Priority: 100)
        {
            MaxLatency = seed % 2 == 0 ? TimeSpan.FromMilliseconds(30) : TimeSpan.Zero,
        };
        lan.Run(Settle);
        AssertHoldsAll(lan, lan.Lb1);
        return lan;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void PriorityDropOnOneMemberOfTheMaster_MovesTheWholeGroup_AndItComesBackWhenItRecovers(int seed)
        => DropOneMemberAndRecover(Elected(seed), lan => Assert.Equal((VrrpState.Backup, VrrpState.Master), (lan.Lb1.Group.State, lan.Lb2.Group.State)));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void WithoutTheCeiling_ForcingAndHoldingStillMoveTheWholeGroup_WithoutFlapping(int seed)
    {
        // Mixed priorities on lb1 (its va loses, its vb still wins): Keepalived warns this re-elects forever. lb2's va
        // preempts; lb1's group follows va to Backup, and vb resigns (priority 0) and holds back from preempting lb2's lower vb.
        var lan = Elected(seed);
        lan.Lb1.UsesCeiling = false;
        lan.Lb2.UsesCeiling = false;
        DropOneMemberAndRecover(lan, lan => Assert.True(lan.Lb1["vb"].State.SyncGroupHold));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheMasterDies_TheBackupTakesOverTheWholeGroup(int seed)
    {
        var lan = Elected(seed);

        lan.Lb1.Alive = false;
        lan.Run(Settle);

        Assert.Equal(["va", "vb"], lan.Lb2.Holding.Order());
        Assert.Equal(VrrpState.Master, lan.Lb2.Group.State);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void OwnFaultOfOneMember_FaultsTheGroup_AndTheOtherNodeTakesAll(int seed)
    {
        var lan = Elected(seed);

        lan.Lb1["vb"].SetOwnFault(true);
        lan.Run(Settle);

        AssertHoldsAll(lan, lan.Lb2, other: VrrpState.Fault);
        Assert.Equal(VrrpState.Fault, lan.Lb1.Group.State);
        Assert.Equal([VrrpState.Fault], lan.Lb1.GroupNotifies.Skip(lan.Lb1.GroupNotifies.Count - 1));

        lan.Lb1["vb"].SetOwnFault(false);
        lan.Run(Settle);
        AssertHoldsAll(lan, lan.Lb1); // 110 preempts back
        AssertStable(lan);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SplitBrainHealing_EndsWithOneNodeHoldingEverything(int seed)
    {
        var lan = Elected(seed);

        lan.Lb1.Cut = true;
        lan.Run(Settle);
        Assert.Equal(["va", "vb"], lan.Lb2.Holding.Order());

        // Mixed priorities while apart: each node now wins one election.
        lan.Lb1["va"].SetPriority(90);
        lan.Run(TimeSpan.FromSeconds(1));
        lan.Lb1.Cut = false;
        lan.Run(Settle * 2);

        var holder = lan.Lb1.Holding.Any() ? lan.Lb1 : lan.Lb2;
        AssertHoldsAll(lan, holder);
        AssertStable(lan);
    }

    [Fact]
    public void GroupNotifies_FollowTheGroup_NotEachMember()
    {
        var lan = Elected(seed: 1);
        lan.Lb1["va"].SetPriority(90);
        lan.Run(Settle);

        Assert.Equal([VrrpState.Master, VrrpState.Backup], lan.Lb1.GroupNotifies);
        Assert.Equal([VrrpState.Master], lan.Lb2.GroupNotifies.Distinct());
        Assert.Equal(VrrpState.Master, lan.Lb2.GroupNotifies[^1]);
    }

    /// <summary>lb1's va loses 20 (its track_file says so): the whole group moves to lb2, stays there, and comes back whole.</summary>
    private static void DropOneMemberAndRecover(SyncGroupLan lan, Action<SyncGroupLan> whileMoved)
    {
        lan.Lb1["va"].SetPriority(90);
        lan.Run(Settle);
        AssertHoldsAll(lan, lan.Lb2);
        whileMoved(lan);
        AssertStable(lan);

        lan.Lb1["va"].SetPriority(110);
        lan.Run(Settle);
        AssertHoldsAll(lan, lan.Lb1);
        AssertStable(lan);
    }

    /// <summary>No split: <paramref name="holder"/> is Master of every member, the other node of none.</summary>
    private static void AssertHoldsAll(SyncGroupLan lan, SyncGroupLan.Node holder, VrrpState other = VrrpState.Backup)
    {
        var loser = holder == lan.Lb1 ? lan.Lb2 : lan.Lb1;
        Assert.All(holder.Members.Values, m => Assert.Equal(VrrpState.Master, m.State.State));
        Assert.All(loser.Members.Values, m => Assert.Equal(other, m.State.State));
    }

    /// <summary>Nothing moves any more: no transition in another minute.</summary>
    private static void AssertStable(SyncGroupLan lan)
    {
        var before = lan.Transitions.Count;
        lan.Run(TimeSpan.FromSeconds(60));
        Assert.Equal(before, lan.Transitions.Count);
    }
}
