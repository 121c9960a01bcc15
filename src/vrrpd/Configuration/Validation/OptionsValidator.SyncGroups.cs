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
        }
    }
}
