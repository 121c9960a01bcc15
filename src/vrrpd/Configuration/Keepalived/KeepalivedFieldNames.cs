using System.Collections.Frozen;

namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>
/// Names a model path the way keepalived.conf spells it (<c>instances[0].virtualRouterId</c> →
/// <c>virtual_router_id</c>), so messages about a keepalived.conf speak its language.
/// </summary>
internal static class KeepalivedFieldNames
{
    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["global"] = "global_defs",
        ["global.routerId"] = "router_id",
        ["global.skipCheckAdvAddr"] = "vrrp_skip_check_adv_addr",
        ["global.checkUnicastSource"] = "vrrp_check_unicast_src",
        ["global.vrrpVersion"] = "vrrp_version",
        ["global.garp.masterDelay"] = "vrrp_garp_master_delay",
        ["global.garp.masterRepeat"] = "vrrp_garp_master_repeat",
        ["global.garp.masterRefresh"] = "vrrp_garp_master_refresh",
        ["global.garp.masterRefreshRepeat"] = "vrrp_garp_master_refresh_repeat",
        ["global.garp.interval"] = "vrrp_garp_interval",
        ["global.garp.gnaInterval"] = "vrrp_gna_interval",
        ["global.scriptUser"] = "script_user",
        ["global.scriptGroup"] = "script_user",
        ["global.enableScriptSecurity"] = "enable_script_security",
        ["trackScripts"] = "vrrp_script",
        ["trackScripts.command"] = "script",
        ["trackScripts.initFail"] = "init_fail",
        ["trackScripts.group"] = "user",
        ["trackProcesses"] = "vrrp_track_process",
        ["trackProcesses.processName"] = "process",
        ["trackProcesses.arguments"] = "process",
        ["trackProcesses.fullCommand"] = "full_command",
        ["trackProcesses.quorumMax"] = "quorum_max",
        ["trackProcesses.terminateDelay"] = "terminate_delay",
        ["trackProcesses.forkDelay"] = "fork_delay",
        ["trackFiles"] = "track_file",
        ["trackFiles.path"] = "file",
        ["trackFiles.initValue"] = "init_file",
        ["trackFiles.initOverwrite"] = "init_file",
        ["instances"] = "vrrp_instance",
        ["instances.initialState"] = "state",
        ["instances.virtualRouterId"] = "virtual_router_id",
        ["instances.advertInt"] = "advert_int",
        ["instances.authenticationPassword"] = "auth_pass",
        ["instances.unicastSrcIp"] = "unicast_src_ip",
        ["instances.unicastPeers"] = "unicast_peer",
        ["instances.virtualAddresses"] = "virtual_ipaddress",
        ["instances.virtualAddressesExcluded"] = "virtual_ipaddress_excluded",
        ["instances.preempt"] = "nopreempt",
        ["instances.preemptDelay"] = "preempt_delay",
        ["instances.dontTrackPrimary"] = "dont_track_primary",
        ["instances.trackScripts"] = "track_script",
        ["instances.trackInterfaces"] = "track_interface",
        ["instances.trackProcesses"] = "track_process",
        ["instances.trackFiles"] = "track_file",
        ["instances.notify.master"] = "notify_master",
        ["instances.notify.backup"] = "notify_backup",
        ["instances.notify.fault"] = "notify_fault",
        ["instances.notify.stop"] = "notify_stop",
        ["instances.notify.generic"] = "notify",
        ["instances.garp.masterDelay"] = "garp_master_delay",
        ["instances.garp.masterRepeat"] = "garp_master_repeat",
        ["instances.garp.masterRefresh"] = "garp_master_refresh",
        ["instances.garp.masterRefreshRepeat"] = "garp_master_refresh_repeat",
        ["instances.skipCheckAdvAddr"] = "skip_check_adv_addr",
        ["instances.checkUnicastSource"] = "check_unicast_src",
        ["instances.fastTakeoverOnPriorityZero"] = "vrrpd_fast_takeover",
        ["syncGroups"] = "vrrp_sync_group",
        ["syncGroups.instances"] = "group",
        ["syncGroups.trackingWeight"] = "sync_group_tracking_weight",
        ["syncGroups.trackScripts"] = "track_script",
        ["syncGroups.trackInterfaces"] = "track_interface",
        ["syncGroups.trackProcesses"] = "track_process",
        ["syncGroups.trackFiles"] = "track_file",
        ["syncGroups.notify.master"] = "notify_master",
        ["syncGroups.notify.backup"] = "notify_backup",
        ["syncGroups.notify.fault"] = "notify_fault",
        ["syncGroups.notify.stop"] = "notify_stop",
        ["syncGroups.notify.generic"] = "notify",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The keyword for <paramref name="path"/>; a field without its own keyword takes the nearest enclosing one, else its own name.</summary>
    public static string For(string path)
    {
        var key = StripIndexes(path);
        var leaf = ConfigPath.Leaf(path);
        for (var k = key; k.Length > 0; k = ConfigPath.Parent(k))
        {
            if (Names.TryGetValue(k, out var name))
            {
                return name;
            }

            // A field whose keyword is its own name (priority, interface, weight, ...).
            if (k == key && k.Contains('.', StringComparison.Ordinal) && IsPlainKeyword(leaf))
            {
                return leaf;
            }
        }

        return leaf;
    }

    private static bool IsPlainKeyword(string leaf) => leaf.Length > 0 && leaf.All(char.IsLower);

    private static string StripIndexes(string path)
    {
        var chars = new System.Text.StringBuilder(path.Length);
        var depth = 0;
        foreach (var c in path)
        {
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0)
            {
                chars.Append(c);
            }
        }

        return chars.ToString();
    }
}
