using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Notify;
using HaKube.Vrrpd.StateMachine;
using HaKube.Vrrpd.SyncGroups;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    private readonly Lock _groupsGate = new();
    private Dictionary<string, SyncGroupState> _groups = new(StringComparer.Ordinal);
    private Dictionary<string, string> _groupOf = new(StringComparer.Ordinal);

    /// <summary>
    /// The sync groups of <paramref name="options"/>: a group with the same name and members as before keeps its
    /// state (its members keep running through a reload), any other starts afresh.
    /// </summary>
    private void SetSyncGroups(VrrpdOptions options)
    {
        lock (_groupsGate)
        {
            var groups = new Dictionary<string, SyncGroupState>(StringComparer.Ordinal);
            var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in options.SyncGroups)
            {
                groups[group.Name] = _groups.TryGetValue(group.Name, out var kept) && kept.HasMembers(group.Instances)
                    ? kept
                    : SyncGroupState.Initial(group.Name, group.Instances);
                foreach (var member in group.Instances)
                {
                    groupOf[member] = group.Name;
                }
            }

            _groups = groups;
            _groupOf = groupOf;
        }
    }

    /// <summary>A member's own fault (link, trackers) started or ended: the rest of its group follows.</summary>
    private void OnOwnFaultChanged(string instance, bool faulted) => StepSyncGroup(instance, SyncGroupEvent.OwnFault(instance, faulted));

    /// <summary>A member's own priority changed: it may move the group's ceiling.</summary>
    private void OnOwnPriorityChanged(string instance, byte priority) => StepSyncGroup(instance, SyncGroupEvent.OwnPriority(instance, priority));

    /// <summary>A member (re)started: it learns the group's faults, and follows it to Master.</summary>
    private void JoinSyncGroup(VrrpInstance started) => StepSyncGroup(started.Name, SyncGroupEvent.Started(started.Name), started);

    /// <summary>Runs the pure <see cref="SyncGroupMachine"/> for the member's group and performs its actions, in order, under one lock.</summary>
    private void StepSyncGroup(string member, in SyncGroupEvent e, VrrpInstance? newcomer = null)
    {
        lock (_groupsGate)
        {
            if (!_groupOf.TryGetValue(member, out var name) || !_groups.TryGetValue(name, out var state))
            {
                return;
            }

            var step = SyncGroupMachine.Step(state, e);
            _groups[name] = step.State;
            if (e.Kind == SyncGroupEventKind.OwnFaultChanged && step.Actions.Count > 0)
            {
                Log.SyncGroupFault(_logger, name, member, e.Faulted);
            }

            foreach (var action in step.Actions)
            {
                Perform(name, action, newcomer);
            }
        }
    }

    private void Perform(string group, SyncGroupAction action, VrrpInstance? newcomer)
    {
        switch (action.Kind)
        {
            case SyncGroupActionKind.Force:
                Log.SyncGroupForcing(_logger, group, action.Member!, action.State);
                Find(action.Member!, newcomer)?.Post(InstanceEvent.ForMachine(action.State == VrrpState.Master ? VrrpEvent.SyncGroupMaster : VrrpEvent.SyncGroupBackup));
                break;
            case SyncGroupActionKind.PriorityCeiling:
                Find(action.Member!, newcomer)?.Post(InstanceEvent.SyncGroupCeiling(action.Priority));
                break;
            case SyncGroupActionKind.MemberFault:
                Find(action.Member!, newcomer)?.Post(InstanceEvent.SyncGroupFault(action.Culprit!, action.Faulted));
                break;
            case SyncGroupActionKind.GroupChanged:
                Log.SyncGroupChanged(_logger, group, action.From, action.State, action.Culprit!);
                var notify = _options.SyncGroups.FirstOrDefault(g => g.Name == group)?.Notify;
                if (_notify is not null && notify is not null)
                {
                    _notify.GroupChanged(group, notify, action.State switch
                    {
                        VrrpState.Master => NotifyState.Master,
                        VrrpState.Fault => NotifyState.Fault,
                        VrrpState.Initialize => NotifyState.Stop,
                        _ => NotifyState.Backup,
                    });
                }

                break;
        }
    }

    private VrrpInstance? Find(string name, VrrpInstance? newcomer) =>
        newcomer?.Name == name ? newcomer : _instances.TryGetValue(name, out var running) ? running.Instance : null;
}
