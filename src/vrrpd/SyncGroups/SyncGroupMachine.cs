using System.Collections.Immutable;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.SyncGroups;

/// <summary>
/// Keepalived's vrrp_sync_group as a pure function: (group state, member event) → (group state, actions). The members
/// go to fault, master and backup together:
/// <list type="bullet">
/// <item>a member's own fault is the whole group's (every member holds a fault until the last own fault ends);</item>
/// <item>a member that becomes Master on its own (its Master went silent or resigned, it preempted, it owns the
/// addresses) makes the group Master and the other Backup members follow;</item>
/// <item>a Master member preempted by a higher priority makes the group Backup and the other Master members resign.</item>
/// </list>
/// Every member advertises at most the lowest own priority of the group (its weakest member), so that a tracker
/// lowering one member moves the whole group and both nodes always agree on which of them wins it (Keepalived instead
/// zeroes member weights and warns that mixed priorities re-elect forever). An address owner (255) is left alone.
/// A transition the group forced (<see cref="VrrpTransitionReason.SyncGroup"/>) never moves the group again, so there
/// is no loop; one that raced with a later group change is sent after the group. The group's own state drives its
/// notify scripts. It touches no instance: the daemon performs the actions.
/// </summary>
internal static class SyncGroupMachine
{
    public static SyncGroupStep Step(SyncGroupState state, in SyncGroupEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (@event.Member is null || !state.MemberStates.ContainsKey(@event.Member))
        {
            return new SyncGroupStep(state, []);
        }

        var actions = new List<SyncGroupAction>();
        var next = @event.Kind switch
        {
            SyncGroupEventKind.MemberStarted => OnStarted(state, @event.Member, actions),
            SyncGroupEventKind.MemberChanged => OnChanged(state, @event, actions),
            SyncGroupEventKind.OwnFaultChanged => OnOwnFault(state, @event.Member, @event.Faulted, actions),
            SyncGroupEventKind.PriorityChanged => Ceiling(state with { Priorities = Own(state.Priorities, @event.Member, @event.Priority) }, actions),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.Kind, "Unknown sync group event."),
        };
        return new SyncGroupStep(next, actions);
    }

    /// <summary>A member that (re)starts joins the group as it is: the faults of the others, its ceiling, and Master if the group is.</summary>
    private static SyncGroupState OnStarted(SyncGroupState state, string member, List<SyncGroupAction> actions)
    {
        if (state.PriorityCeiling < VrrpConstants.PriorityOwner)
        {
            actions.Add(SyncGroupAction.Ceiling(member, state.PriorityCeiling));
        }

        foreach (var culprit in state.OwnFaults.Where(m => m != member).Order(StringComparer.Ordinal))
        {
            actions.Add(SyncGroupAction.MemberFault(member, culprit, faulted: true));
        }

        if (state.State == VrrpState.Master)
        {
            actions.Add(SyncGroupAction.Force(member, VrrpState.Master));
        }

        return state;
    }

    /* Keepalived vrrp_sync_fault: one member's fault is the group's; the group leaves fault when no member has one */
    private static SyncGroupState OnOwnFault(SyncGroupState state, string member, bool faulted, List<SyncGroupAction> actions)
    {
        if (faulted == state.OwnFaults.Contains(member))
        {
            return state;
        }

        var next = state with { OwnFaults = faulted ? state.OwnFaults.Add(member) : state.OwnFaults.Remove(member) };
        foreach (var other in Others(state, member))
        {
            actions.Add(SyncGroupAction.MemberFault(other, member, faulted));
        }

        if (faulted && state.State != VrrpState.Fault)
        {
            return Enter(next, VrrpState.Fault, member, actions);
        }

        return !faulted && next.OwnFaults.IsEmpty && state.State == VrrpState.Fault ? Enter(next, VrrpState.Backup, member, actions) : next;
    }

    private static SyncGroupState OnChanged(SyncGroupState state, in SyncGroupEvent e, List<SyncGroupAction> actions)
    {
        var next = state with { MemberStates = state.MemberStates.SetItem(e.Member, e.To) };
        if (e.To == VrrpState.Initialize)
        {
            // Stopped (daemon stop or reload): no longer part of the ceiling; the group's notify_stop once the last member stopped.
            next = Ceiling(next with { Priorities = next.Priorities.Remove(e.Member) }, actions);
            return next.MemberStates.Values.All(s => s == VrrpState.Initialize) && state.State != VrrpState.Initialize
                ? Enter(next, VrrpState.Initialize, e.Member, actions)
                : next;
        }

        if (next.State == VrrpState.Initialize)
        {
            // Started again after every member stopped (a reload): Backup, as at the first start, without a notify.
            next = next with { State = VrrpState.Backup };
        }

        if (next.State == VrrpState.Fault)
        {
            // Members follow faults through MemberFault; no election while the group is in fault (as Keepalived).
            return next;
        }

        if (e.Reason == VrrpTransitionReason.SyncGroup)
        {
            // Forced by us: never moves the group. One that raced with a later change of the group is sent after it.
            if ((e.To, next.State) is (VrrpState.Master, VrrpState.Backup) or (VrrpState.Backup, VrrpState.Master))
            {
                actions.Add(SyncGroupAction.Force(e.Member, next.State));
            }

            return next;
        }

        /* Keepalived vrrp_sync_master: a member that became Master on its own takes the group along */
        if (e.To == VrrpState.Master && next.State != VrrpState.Master)
        {
            next = Enter(next, VrrpState.Master, e.Member, actions);
            ForceOthers(next, e.Member, VrrpState.Backup, VrrpState.Master, actions);
            return next;
        }

        /* Keepalived vrrp_sync_backup: a Master preempted by a higher priority takes the group back to Backup */
        if (e.From == VrrpState.Master && e.To == VrrpState.Backup && e.Reason == VrrpTransitionReason.HigherPriorityAdvert && next.State == VrrpState.Master)
        {
            next = Enter(next, VrrpState.Backup, e.Member, actions);
            ForceOthers(next, e.Member, VrrpState.Master, VrrpState.Backup, actions);
            return next;
        }

        // Every member left Master for another reason (maintenance): the group is Backup, nobody is forced.
        return next.State == VrrpState.Master && !next.MemberStates.ContainsValue(VrrpState.Master)
            ? Enter(next, VrrpState.Backup, e.Member, actions)
            : next;
    }

    private static ImmutableDictionary<string, byte> Own(ImmutableDictionary<string, byte> priorities, string member, byte priority) =>
        priority is 0 or VrrpConstants.PriorityOwner ? priorities.Remove(member) : priorities.SetItem(member, priority);

    /// <summary>The lowest own priority sets the ceiling; when it moves, every member hears it.</summary>
    private static SyncGroupState Ceiling(SyncGroupState state, List<SyncGroupAction> actions)
    {
        var ceiling = state.Priorities.IsEmpty ? VrrpConstants.PriorityOwner : state.Priorities.Values.Min();
        if (ceiling == state.PriorityCeiling)
        {
            return state;
        }

        foreach (var member in state.Members.Distinct(StringComparer.Ordinal))
        {
            actions.Add(SyncGroupAction.Ceiling(member, ceiling));
        }

        return state with { PriorityCeiling = ceiling };
    }

    private static void ForceOthers(SyncGroupState state, string member, VrrpState from, VrrpState to, List<SyncGroupAction> actions)
    {
        foreach (var other in Others(state, member).Where(m => state.MemberStates[m] == from))
        {
            actions.Add(SyncGroupAction.Force(other, to));
        }
    }

    private static SyncGroupState Enter(SyncGroupState state, VrrpState to, string culprit, List<SyncGroupAction> actions)
    {
        actions.Add(SyncGroupAction.GroupChanged(state.State, to, culprit));
        return state with { State = to };
    }

    private static IEnumerable<string> Others(SyncGroupState state, string member) =>
        state.Members.Distinct(StringComparer.Ordinal).Where(m => m != member);
}
