using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.SyncGroups;

/// <summary>An output of <see cref="SyncGroupMachine.Step"/>; which fields matter depends on <see cref="Kind"/>.</summary>
internal readonly record struct SyncGroupAction
{
    public SyncGroupActionKind Kind { get; private init; }

    /// <summary>Force and MemberFault: the member to tell.</summary>
    public string? Member { get; private init; }

    /// <summary>Force: the state to follow to; GroupChanged: the group's new state.</summary>
    public VrrpState State { get; private init; }

    /// <summary>GroupChanged: the state the group left.</summary>
    public VrrpState From { get; private init; }

    /// <summary>MemberFault: whose fault; GroupChanged: the member whose change moved the group.</summary>
    public string? Culprit { get; private init; }

    /// <summary>MemberFault: the fault started (true) or ended.</summary>
    public bool Faulted { get; private init; }

    /// <summary>PriorityCeiling: the most the member may advertise.</summary>
    public byte Priority { get; private init; }

    public static SyncGroupAction Force(string member, VrrpState state) => new() { Kind = SyncGroupActionKind.Force, Member = member, State = state };

    public static SyncGroupAction MemberFault(string member, string culprit, bool faulted) =>
        new() { Kind = SyncGroupActionKind.MemberFault, Member = member, Culprit = culprit, Faulted = faulted };

    public static SyncGroupAction Ceiling(string member, byte priority) => new() { Kind = SyncGroupActionKind.PriorityCeiling, Member = member, Priority = priority };

    public static SyncGroupAction GroupChanged(VrrpState from, VrrpState to, string culprit) =>
        new() { Kind = SyncGroupActionKind.GroupChanged, From = from, State = to, Culprit = culprit };
}
