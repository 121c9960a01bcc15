using System.Collections.Immutable;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.SyncGroups;

/// <summary>What the sync group coordinator remembers about one vrrp_sync_group between steps.</summary>
internal sealed record SyncGroupState
{
    /// <summary>The group's name (vrrp_sync_group NAME).</summary>
    public required string Name { get; init; }

    /// <summary>The member instances, in the order the configuration lists them.</summary>
    public required ImmutableArray<string> Members { get; init; }

    /// <summary>The group's own state: Backup at start (as Keepalived), Master, Fault, or Initialize once every member stopped.</summary>
    public VrrpState State { get; init; } = VrrpState.Backup;

    /// <summary>Each member's state as last reported (Initialize until it reports).</summary>
    public ImmutableDictionary<string, VrrpState> MemberStates { get; init; } = ImmutableDictionary<string, VrrpState>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Members in a fault of their own (link, trackers), which the whole group shares.</summary>
    public ImmutableHashSet<string> OwnFaults { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    /// <summary>Each running member's own effective priority (from its trackers), as last reported; owners (255) and faults left out.</summary>
    public ImmutableDictionary<string, byte> Priorities { get; init; } = ImmutableDictionary<string, byte>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>
    /// The most any member advertises: the lowest own priority among the members (255: no limit). The group is as
    /// strong as its weakest member, so every election between two nodes has the same outcome for every member.
    /// </summary>
    public byte PriorityCeiling { get; init; } = VrrpConstants.PriorityOwner;

    /// <summary>A group with no member running yet.</summary>
    public static SyncGroupState Initial(string name, IEnumerable<string> members)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(members);
        var list = members.ToImmutableArray();
        return new SyncGroupState
        {
            Name = name,
            Members = list,
            MemberStates = list.Distinct(StringComparer.Ordinal).ToImmutableDictionary(m => m, _ => VrrpState.Initialize, StringComparer.Ordinal),
        };
    }

    /// <summary>The same members in the same order: a reload keeps the group's state.</summary>
    public bool HasMembers(IReadOnlyList<string> members) => Members.SequenceEqual(members ?? [], StringComparer.Ordinal);
}
