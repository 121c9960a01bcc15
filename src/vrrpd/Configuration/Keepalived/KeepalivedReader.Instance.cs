using System.Net;
using System.Net.Sockets;
using HaKube.Vrrpd.Configuration.Validation;

namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>vrrp_instance.</summary>
internal sealed partial class KeepalivedReader
{
    private void ReadInstance(KeepalivedStatement definition)
    {
        var index = _instances.Count;
        var path = ConfigPath.Item("instances", index);
        Record(path, definition);
        var instance = new VrrpInstanceOptions { Name = definition.Words[1].Text };
        List<IPAddress> peers = [];
        List<VirtualAddressOptions> addresses = [];
        List<VirtualAddressOptions> excluded = [];
        List<TrackReference> scripts = [], interfaces = [], processes = [], files = [];
        var notify = new NotifyOptions();
        Func<GarpOptions, GarpOptions>? garp = null;
        List<(KeepalivedToken Word, string Field, string Zone)> zones = [];

        foreach (var s in definition.Block!)
        {
            var field = (string name) => ConfigPath.Field(path, name);
            switch (s.Keyword.Text)
            {
                case "state":
                    Record(field("initialState"), s);
                    if (Args(s, 1, 1, "MASTER or BACKUP: state MASTER|BACKUP") && InitialState(s) is { } state)
                    {
                        instance = instance with { InitialState = state };
                    }

                    break;
                case "interface":
                    Record(field("interface"), s);
                    if (Args(s, 1, 1, "one interface name: interface IFNAME"))
                    {
                        instance = instance with { Interface = s.Words[1].Text };
                    }

                    break;
                case "virtual_router_id":
                    Record(field("virtualRouterId"), s);
                    if (Args(s, 1, 1, $"one number: virtual_router_id {OptionRanges.VirtualRouterId}") && Int(s, 1, OptionRanges.VirtualRouterId) is { } vrid)
                    {
                        instance = instance with { VirtualRouterId = vrid };
                    }

                    break;
                case "priority":
                    Record(field("priority"), s);
                    if (Args(s, 1, 1, $"one number: priority {OptionRanges.Priority}") && Int(s, 1, OptionRanges.Priority) is { } priority)
                    {
                        instance = instance with { Priority = priority };
                    }

                    break;
                case "advert_int":
                    Record(field("advertInt"), s);
                    if (Args(s, 1, 1, $"seconds: advert_int {OptionRanges.AdvertIntV2} (v2) or {OptionRanges.AdvertIntV3} (v3)")
                        && Decimal(s, 1, OptionRanges.AdvertIntV3) is { } advertInt)
                    {
                        instance = instance with { AdvertInt = advertInt };
                    }

                    break;
                case "version":
                    Record(field("version"), s);
                    if (Args(s, 1, 1, "2 or 3: version 2|3") && Int(s, 1, OptionRanges.Version) is { } version)
                    {
                        instance = instance with { Version = version };
                    }

                    break;
                case "authentication":
                    Record(field("authenticationPassword"), s);
                    if (RequireBlock(s, named: false) && Authentication(s) is { } password)
                    {
                        instance = instance with { AuthenticationPassword = password };
                    }

                    break;
                case "unicast_src_ip" or "mcast_src_ip":
                    Record(field("unicastSrcIp"), s);
                    if (Args(s, 1, 1, $"one address: {s.Keyword.Text} ADDRESS") && Address(s.Words[1], s.Keyword.Text, zones) is { } source)
                    {
                        instance = instance with { UnicastSrcIp = source };
                    }

                    break;
                case "unicast_peer":
                    Record(field("unicastPeers"), s);
                    if (RequireBlock(s, named: false))
                    {
                        ReadPeers(s.Block!, field("unicastPeers"), peers, zones);
                    }

                    break;
                case "virtual_ipaddress":
                    Record(field("virtualAddresses"), s);
                    if (RequireBlock(s, named: false))
                    {
                        ReadAddresses(s.Block!, field("virtualAddresses"), addresses);
                    }

                    break;
                case "virtual_ipaddress_excluded":
                    Record(field("virtualAddressesExcluded"), s);
                    if (RequireBlock(s, named: false))
                    {
                        ReadAddresses(s.Block!, field("virtualAddressesExcluded"), excluded);
                    }

                    break;
                case "nopreempt" or "preempt":
                    Record(field("preempt"), s);
                    if (Args(s, 0, 0, $"no value: {s.Keyword.Text}"))
                    {
                        instance = instance with { Preempt = s.Keyword.Text == "preempt" };
                    }

                    break;
                case "preempt_delay":
                    Record(field("preemptDelay"), s);
                    if (Args(s, 1, 1, $"seconds: preempt_delay {OptionRanges.PreemptDelay}") && Decimal(s, 1, OptionRanges.PreemptDelay) is { } preemptDelay)
                    {
                        instance = instance with { PreemptDelay = preemptDelay };
                    }

                    break;
                case "dont_track_primary":
                    Record(field("dontTrackPrimary"), s);
                    if (Args(s, 0, 0, "no value: dont_track_primary"))
                    {
                        instance = instance with { DontTrackPrimary = true };
                    }

                    break;
                case "skip_check_adv_addr":
                    Record(field("skipCheckAdvAddr"), s);
                    if (Flag(s) is { } skip)
                    {
                        instance = instance with { SkipCheckAdvAddr = skip };
                    }

                    break;
                case "check_unicast_src":
                    Record(field("checkUnicastSource"), s);
                    if (Flag(s) is { } check)
                    {
                        instance = instance with { CheckUnicastSource = check };
                    }

                    break;
                case "vrrpd_fast_takeover":
                    // A vrrpd extension (Keepalived has no such keyword and would warn about it): the native format's
                    // fastTakeoverOnPriorityZero, so a keepalived.conf can keep the RFC's Skew_Time wait.
                    Record(field("fastTakeoverOnPriorityZero"), s);
                    if (Flag(s) is { } fast)
                    {
                        instance = instance with { FastTakeoverOnPriorityZero = fast };
                    }

                    break;
                case "track_script":
                    ReadReferences(s, field("trackScripts"), scripts, OptionRanges.ScriptWeight);
                    break;
                case "track_interface":
                    ReadReferences(s, field("trackInterfaces"), interfaces, OptionRanges.ScriptWeight);
                    break;
                case "track_process":
                    ReadReferences(s, field("trackProcesses"), processes, OptionRanges.ScriptWeight);
                    break;
                case "track_file":
                    ReadReferences(s, field("trackFiles"), files, OptionRanges.ScriptWeight);
                    break;
                case "notify_master" or "notify_backup" or "notify_fault" or "notify_stop" or "notify":
                    notify = ReadNotify(s, field("notify"), notify);
                    break;
                case "garp_master_delay":
                    garp = ComposeGarp(garp, GarpInt(s, field("garp.masterDelay"), OptionRanges.GarpSeconds), (g, v) => g with { MasterDelay = v });
                    break;
                case "garp_master_repeat":
                    garp = ComposeGarp(garp, GarpInt(s, field("garp.masterRepeat"), OptionRanges.GarpRepeat), (g, v) => g with { MasterRepeat = v });
                    break;
                case "garp_master_refresh":
                    garp = ComposeGarp(garp, GarpInt(s, field("garp.masterRefresh"), OptionRanges.GarpSeconds), (g, v) => g with { MasterRefresh = v });
                    break;
                case "garp_master_refresh_repeat":
                    garp = ComposeGarp(garp, GarpInt(s, field("garp.masterRefreshRepeat"), OptionRanges.GarpRepeat), (g, v) => g with { MasterRefreshRepeat = v });
                    break;
                case "use_vmac" or "vmac_xmit_base" or "native_ipv6" or "strict_mode" or "debug" or "accept" or "no_accept"
                    or "smtp_alert" or "lvs_sync_daemon_interface" or "garp_lower_prio_delay" or "garp_lower_prio_repeat"
                    or "lower_prio_no_advert" or "higher_prio_send_advert" or "virtual_routes" or "virtual_rules" or "track_bfd"
                    or "kernel_rx_buf_size" or "unicast_ttl" or "track_src_ip" or "linkbeat_use_polling" or "old_unicast_checksum"
                    or "notify_deleted" or "notify_master_rx_lower_pri" or "unicast_fault_no_peer" or "promote_secondaries" or "mcast_dst_ip":
                    Unsupported(s, "no vrrpd equivalent");
                    break;
                default:
                    Unknown(s, $"in vrrp_instance {instance.Name}");
                    break;
            }
        }

        CheckZones(zones, instance);
        _instances.Add(instance with
        {
            UnicastPeers = peers.ToArray(),
            VirtualAddresses = addresses.ToArray(),
            VirtualAddressesExcluded = excluded.ToArray(),
            TrackScripts = scripts.ToArray(),
            TrackInterfaces = interfaces.ToArray(),
            TrackProcesses = processes.ToArray(),
            TrackFiles = files.ToArray(),
            Notify = notify,
        });
        if (garp is not null)
        {
            _garpOverrides[index] = garp;
        }
    }

    private static Func<GarpOptions, GarpOptions>? ComposeGarp(Func<GarpOptions, GarpOptions>? before, int? value, Func<GarpOptions, int, GarpOptions> set)
    {
        if (value is not { } v)
        {
            return before;
        }

        return before is null ? g => set(g, v) : g => set(before(g), v);
    }

    private VrrpInitialState? InitialState(KeepalivedStatement s)
    {
        switch (s.Words[1].Text)
        {
            case "MASTER":
                return VrrpInitialState.Master;
            case "BACKUP":
                return VrrpInitialState.Backup;
            default:
                _diagnostics.Error(s.File, s.Line, "state", $"'{s.Words[1].Text}' is not a state; allowed MASTER|BACKUP");
                return null;
        }
    }

    private string? Authentication(KeepalivedStatement block)
    {
        string? type = null;
        string? password = null;
        foreach (var s in block.Block!)
        {
            switch (s.Keyword.Text)
            {
                case "auth_type":
                    if (!Args(s, 1, 1, "PASS: auth_type PASS"))
                    {
                        break;
                    }

                    type = s.Words[1].Text;
                    if (type == "AH")
                    {
                        _diagnostics.Error(s.File, s.Line, "auth_type",
                            "AH is not supported (RFC 3768 removed it and VRRPv3 has no authentication); allowed PASS, or remove the authentication block");
                    }
                    else if (type != "PASS")
                    {
                        _diagnostics.Error(s.File, s.Line, "auth_type", $"'{type}' is not an authentication type; allowed PASS");
                    }

                    break;
                case "auth_pass":
                    if (Args(s, 1, 1, $"a password of 1..{OptionRanges.PasswordMaxLength} characters: auth_pass PASSWORD"))
                    {
                        password = s.Words[1].Text;
                    }

                    break;
                default:
                    Unknown(s, "in authentication");
                    break;
            }
        }

        if (type is null && password is not null)
        {
            _diagnostics.Error(block.File, block.Line, "auth_type", "missing; allowed PASS");
        }

        if (type == "PASS" && password is null)
        {
            _diagnostics.Error(block.File, block.Line, "auth_pass", $"missing: auth_type PASS needs auth_pass of 1..{OptionRanges.PasswordMaxLength} characters");
        }

        return type == "PASS" ? password : null;
    }

    private void ReadPeers(IReadOnlyList<KeepalivedStatement> block, string listPath, List<IPAddress> peers, List<(KeepalivedToken Word, string Field, string Zone)> zones)
    {
        foreach (var s in block)
        {
            if (Address(s.Keyword, "unicast_peer", zones) is { } peer)
            {
                Record(ConfigPath.Item(listPath, peers.Count), s);
                peers.Add(peer);
            }

            if (s.ArgumentCount > 0)
            {
                _diagnostics.Warning(s.File, s.Line, "unicast_peer", $"peer options ({string.Join(' ', s.Words.Skip(1))}) are not supported by vrrpd; ignored");
            }
        }
    }

    private void ReadAddresses(IReadOnlyList<KeepalivedStatement> block, string listPath, List<VirtualAddressOptions> addresses)
    {
        var keyword = listPath.EndsWith("Excluded", StringComparison.Ordinal) ? "virtual_ipaddress_excluded" : "virtual_ipaddress";
        foreach (var s in block)
        {
            if (VirtualAddress(s, keyword) is { } address)
            {
                Record(ConfigPath.Item(listPath, addresses.Count), s);
                addresses.Add(address);
            }
        }
    }

    /// <summary>ADDR[/PREFIX] [brd B] [dev IF] [scope S] [label L], as in Keepalived's virtual_ipaddress.</summary>
    private VirtualAddressOptions? VirtualAddress(KeepalivedStatement s, string keyword)
    {
        var text = s.Keyword.Text;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressWord = s.Keyword with { Text = slash < 0 ? text : text[..slash] };
        if (Address(addressWord, keyword) is not { } address)
        {
            return null;
        }

        var full = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        int? prefix = slash < 0 ? null : Int(s.Keyword with { Text = text[(slash + 1)..] }, keyword, new ValueRange(0, full));

        var vip = new VirtualAddressOptions { Address = address, PrefixLength = prefix };
        for (var i = 1; i < s.Words.Count; i++)
        {
            var option = s.Words[i].Text;
            var hasValue = i + 1 < s.Words.Count;
            switch (option)
            {
                case "dev" when hasValue:
                    vip = vip with { Device = s.Words[++i].Text };
                    break;
                case "label" when hasValue:
                    vip = vip with { Label = s.Words[++i].Text };
                    break;
                case "scope" when hasValue:
                    vip = vip with { Scope = s.Words[++i].Text };
                    break;
                case "brd" when hasValue:
                    vip = vip with { Broadcast = Address(s.Words[++i], keyword) };
                    break;
                case "peer" or "preferred_lft" or "valid_lft" or "metric" or "track_group" when hasValue:
                    _diagnostics.Warning(s.File, s.Line, keyword, $"address option '{option} {s.Words[++i].Text}' is not supported by vrrpd; ignored");
                    break;
                case "no_track" or "home" or "-nodad" or "nodad" or "noprefixroute" or "autojoin" or "mngtmpaddr":
                    _diagnostics.Warning(s.File, s.Line, keyword, $"address option '{option}' is not supported by vrrpd; ignored");
                    break;
                default:
                    _diagnostics.Error(s.File, s.Line, keyword,
                        $"unexpected '{option}'; allowed: ADDRESS[/PREFIX] [brd ADDRESS] [dev IFNAME] [scope SCOPE] [label LABEL]");
                    i = s.Words.Count;
                    break;
            }
        }

        return vip;
    }

    private void ReadReferences(KeepalivedStatement s, string listPath, List<TrackReference> references, ValueRange weights)
    {
        if (!RequireBlock(s, named: false))
        {
            return;
        }

        Record(listPath, s);
        foreach (var entry in s.Block!)
        {
            var (weight, reverse) = WeightClause(entry, 1, weights);
            Record(ConfigPath.Item(listPath, references.Count), entry);
            references.Add(new TrackReference { Name = entry.Keyword.Text, Weight = weight, WeightReverse = reverse });
        }
    }

    private NotifyOptions ReadNotify(KeepalivedStatement s, string notifyPath, NotifyOptions notify)
    {
        if (!Args(s, 1, 3, $"a script and optionally a user and group: {s.Keyword.Text} \"PROGRAM ARGS...\" [USER [GROUP]]"))
        {
            return notify;
        }

        var script = new NotifyScript
        {
            Command = CommandWords(s, 1, 1),
            User = s.ArgumentCount >= 2 ? s.Words[2].Text : null,
            Group = s.ArgumentCount == 3 ? s.Words[3].Text : null,
        };
        var (updated, name) = s.Keyword.Text switch
        {
            "notify_master" => (notify with { Master = script }, "master"),
            "notify_backup" => (notify with { Backup = script }, "backup"),
            "notify_fault" => (notify with { Fault = script }, "fault"),
            "notify_stop" => (notify with { Stop = script }, "stop"),
            _ => (notify with { Generic = script }, "generic"),
        };
        Record(ConfigPath.Field(notifyPath, name), s);
        return updated;
    }
}
