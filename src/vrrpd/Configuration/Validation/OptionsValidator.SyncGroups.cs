namespace HaKube.Vrrpd.Configuration.Validation;

/// <summary>Sync groups.</summary>
internal sealed partial class OptionsValidator
{
    private void CheckSyncGroups()
    {
        UniqueNames("syncGroups", _options.SyncGroups.Select(g => g.Name), "sync group");
        var instances = _options.Instances.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var memberOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var g = 0; g < _options.SyncGroups.Count; g++)
        {
            var group = _options.SyncGroups[g];
            var path = ConfigPath.Item("syncGroups", g);
            var context = $"sync group '{group.Name}'";
            if (group.Instances.Count < 2)
            {
                Warning(ConfigPath.Field(path, "instances"), $"{context} has {group.Instances.Count} instance(s); a sync group is for two or more");
            }

            for (var i = 0; i < group.Instances.Count; i++)
            {
                var name = group.Instances[i];
                var memberPath = ConfigPath.Item(path, "instances", i);
                if (!instances.Contains(name))
                {
                    Error(memberPath, $"{context}: instance '{name}' is not defined");
                }
                else if (!memberOf.TryAdd(name, group.Name))
                {
                    Error(memberPath, $"{context}: instance '{name}' is already in sync group '{memberOf[name]}'; an instance belongs to one group at most");
                }
            }

            CheckNotify(ConfigPath.Field(path, "notify"), group.Notify);
            CheckGroupTrackers(path, group, context);
            CheckMembersWeightedTrackers(group);
        }
    }

    /// <summary>A member's own weighted track_script and track_file entries, which the group ignores without sync_group_tracking_weight.</summary>
    private void CheckMembersWeightedTrackers(SyncGroupOptions group)
    {
        for (var i = 0; i < _options.Instances.Count; i++)
        {
            var instance = _options.Instances[i];
            if (!group.Instances.Contains(instance.Name, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var list in SyncGroupTracking.Lists)
            {
                var grouped = list.OfGroup(group).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
                var own = list.OfInstance(instance);
                for (var r = 0; r < own.Count; r++)
                {
                    // One the group lists too has its own warning (CheckMembersAlsoTracking).
                    if (grouped.Contains(own[r].Name) || !SyncGroupTracking.IsIgnoredInGroup(_options, group, list, own[r]))
                    {
                        continue;
                    }

                    // Keepalived 2.2.7's words: "(VI_1) ignoring tracked script chk with weights due to SYNC group".
                    var what = list.Field == "trackFiles"
                        ? $"tracked file {own[r].Name} with weight {SyncGroupTracking.WeightOf(_options, list, own[r]).Weight}"
                        : $"tracked script {own[r].Name} with weights";
                    Warning(ConfigPath.Item(ConfigPath.Field(ConfigPath.Item("instances", i), list.Field), r),
                        $"({instance.Name}) ignoring {what} due to SYNC group {group.Name}, as Keepalived 2.2.7 does: it neither faults nor moves the instance's priority (add sync_group_tracking_weight to the group to apply its weight, or give it weight 0 to fault the group)");
                }
            }
        }
    }

    /// <summary>References on the group itself: defined, and Keepalived's address-owner and member-overlap rules (see <see cref="SyncGroupTracking"/>).</summary>
    private void CheckGroupTrackers(string path, SyncGroupOptions group, string context)
    {
        var owner = _options.Instances.FirstOrDefault(i => i.Priority == 255 && group.Instances.Contains(i.Name, StringComparer.Ordinal));
        foreach (var list in SyncGroupTracking.Lists)
        {
            var listPath = ConfigPath.Field(path, list.Field);
            var references = list.OfGroup(group);
            CheckReferences(listPath, references, DefinedNames(list.Field), list.What, context);
            for (var r = 0; r < references.Count; r++)
            {
                var reference = references[r];
                var (weight, _) = SyncGroupTracking.WeightOf(_options, list, reference);
                if (owner is not null && weight != 0)
                {
                    Warning(ConfigPath.Item(listPath, r),
                        $"{context}: {list.What} '{reference.Name}' has weight {weight}, but member '{owner.Name}' has priority 255 (the address owner); the weight is cleared and the tracker only faults the group, as Keepalived does (give it weight 0, or a member priority below 255)");
                }
            }

            if (references.Count > 0)
            {
                CheckMembersAlsoTracking(group, list, references.Select(r => r.Name).ToHashSet(StringComparer.Ordinal), context);
            }
        }
    }

    private void CheckMembersAlsoTracking(SyncGroupOptions group, GroupTrackerList list, HashSet<string> grouped, string context)
    {
        for (var i = 0; i < _options.Instances.Count; i++)
        {
            var instance = _options.Instances[i];
            if (!group.Instances.Contains(instance.Name, StringComparer.Ordinal))
            {
                continue;
            }

            var own = list.OfInstance(instance);
            for (var r = 0; r < own.Count; r++)
            {
                if (grouped.Contains(own[r].Name))
                {
                    Warning(ConfigPath.Item(ConfigPath.Field(ConfigPath.Item("instances", i), list.Field), r),
                        $"instance '{instance.Name}': {list.What} '{own[r].Name}' is also tracked by its {context}; the group's entry applies to every member and this one is ignored, as Keepalived does (remove one of them)");
                }
            }
        }
    }

    private HashSet<string>? DefinedNames(string field) => field switch
    {
        "trackScripts" => _scriptNames,
        "trackProcesses" => _processNames,
        "trackFiles" => _fileNames,
        "trackTcplb" => _tcplbNames,
        _ => null,
    };
}
