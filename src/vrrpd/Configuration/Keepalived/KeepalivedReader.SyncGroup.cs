namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>vrrp_sync_group.</summary>
internal sealed partial class KeepalivedReader
{
    private void ReadSyncGroup(KeepalivedStatement definition)
    {
        var path = ConfigPath.Item("syncGroups", _syncGroups.Count);
        Record(path, definition);
        var group = new SyncGroupOptions { Name = definition.Words[1].Text };
        List<string> members = [];
        foreach (var s in definition.Block!)
        {
            switch (s.Keyword.Text)
            {
                case "group":
                    if (RequireBlock(s, named: false))
                    {
                        var listPath = ConfigPath.Field(path, "instances");
                        Record(listPath, s);
                        foreach (var word in s.Block!.SelectMany(line => line.Words))
                        {
                            _map.Add(ConfigPath.Item(listPath, members.Count), word.File, word.Line);
                            members.Add(word.Text);
                        }
                    }

                    break;
                case "notify_master" or "notify_backup" or "notify_fault" or "notify_stop" or "notify":
                    group = group with { Notify = ReadNotify(s, ConfigPath.Field(path, "notify"), group.Notify) };
                    break;
                case "sync_group_tracking_weight" or "global_tracking":
                    Record(ConfigPath.Field(path, "trackingWeight"), s);
                    if (Args(s, 0, 0, $"no value: {s.Keyword.Text}"))
                    {
                        group = group with { TrackingWeight = true };
                    }

                    break;
                case "smtp_alert" or "track_interface" or "track_script" or "track_file" or "track_process" or "track_bfd" or "notify_priority_changes":
                    Unsupported(s, "put trackers and notifications on the member instances");
                    break;
                default:
                    Unknown(s, $"in vrrp_sync_group {group.Name}");
                    break;
            }
        }

        _syncGroups.Add(group with { Instances = members.ToArray() });
    }
}
