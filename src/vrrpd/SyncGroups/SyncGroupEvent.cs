using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.SyncGroups;

/// <summary>An input to <see cref="SyncGroupMachine.Step"/>; which fields matter depends on <see cref="Kind"/>.</summary>
internal readonly record struct SyncGroupEvent
{
    public SyncGroupEventKind Kind { get; private init; }

    /// <summary>The member the event is about.</summary>
    public string Member { get; private init; }

    /// <summary>MemberChanged: the state it left.</summary>
    public VrrpState From { get; private init; }

    /// <summary>MemberChanged: the state it entered.</summary>
    public VrrpState To { get; private init; }

    /// <summary>MemberChanged: why (<see cref="VrrpTransitionReason.SyncGroup"/> when this group forced it).</summary>
    public VrrpTransitionReason Reason { get; private init; }

    /// <summary>OwnFaultChanged: the fault started (true) or ended.</summary>
    public bool Faulted { get; private init; }

    /// <summary>PriorityChanged: the member's own effective priority (255: an address owner, 0: none while faulted).</summary>
    public byte Priority { get; private init; }

    public static SyncGroupEvent Started(string member) => new() { Kind = SyncGroupEventKind.MemberStarted, Member = member };

    public static SyncGroupEvent Changed(string member, VrrpState from, VrrpState to, VrrpTransitionReason reason) =>
        new() { Kind = SyncGroupEventKind.MemberChanged, Member = member, From = from, To = to, Reason = reason };

    public static SyncGroupEvent OwnPriority(string member, byte priority) => new() { Kind = SyncGroupEventKind.PriorityChanged, Member = member, Priority = priority };

    public static SyncGroupEvent OwnFault(string member, bool faulted) => new() { Kind = SyncGroupEventKind.OwnFaultChanged, Member = member, Faulted = faulted };
}
