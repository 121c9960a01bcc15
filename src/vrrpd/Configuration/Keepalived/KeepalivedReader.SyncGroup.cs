using HaKube.Vrrpd.Configuration.Validation;

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
        List<TrackReference> scripts = [], interfaces = [], processes = [], files = [];
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
                // Every member tracks these, as if it listed them (see SyncGroupTracking).
                case "track_script":
                    ReadReferences(s, ConfigPath.Field(path, "trackScripts"), scripts, OptionRanges.ScriptWeight);
                    break;
                case "track_interface":
                    ReadReferences(s, ConfigPath.Field(path, "trackInterfaces"), interfaces, OptionRanges.ScriptWeight);
                    break;
                case "track_process":
                    ReadReferences(s, ConfigPath.Field(path, "trackProcesses"), processes, OptionRanges.ScriptWeight);
                    break;
                case "track_file":
                    ReadReferences(s, ConfigPath.Field(path, "trackFiles"), files, OptionRanges.ScriptWeight);
                    break;
                case "track_bfd":
                    Unsupported(s, "vrrpd has no BFD; track the path with a track_script or track_interface instead");
                    break;
                case "smtp_alert" or "notify_priority_changes":
                    Unsupported(s, "no vrrpd equivalent");
                    break;
                default:
                    Unknown(s, $"in vrrp_sync_group {group.Name}");
                    break;
            }
        }

        _syncGroups.Add(group with
        {
            Instances = members.ToArray(),
            TrackScripts = scripts.ToArray(),
            TrackInterfaces = interfaces.ToArray(),
            TrackProcesses = processes.ToArray(),
            TrackFiles = files.ToArray(),
        });
    }
}
