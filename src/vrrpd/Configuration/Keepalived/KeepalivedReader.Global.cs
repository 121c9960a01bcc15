using HaKube.Vrrpd.Configuration.Validation;

namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>global_defs.</summary>
internal sealed partial class KeepalivedReader
{
    private void ReadGlobal(IReadOnlyList<KeepalivedStatement> block)
    {
        foreach (var s in block)
        {
            var garp = _global.Garp;
            switch (s.Keyword.Text)
            {
                case "router_id":
                    Record("global.routerId", s);
                    if (Args(s, 1, 1, "one name: router_id NAME"))
                    {
                        _global = _global with { RouterId = s.Words[1].Text };
                    }

                    break;
                case "vrrp_skip_check_adv_addr":
                    Record("global.skipCheckAdvAddr", s);
                    if (Flag(s) is { } skip)
                    {
                        _global = _global with { SkipCheckAdvAddr = skip };
                    }

                    break;
                case "vrrp_check_unicast_src":
                    Record("global.checkUnicastSource", s);
                    if (Flag(s) is { } check)
                    {
                        _global = _global with { CheckUnicastSource = check };
                    }

                    break;
                case "vrrp_version":
                    Record("global.vrrpVersion", s);
                    if (Args(s, 1, 1, "2 or 3: vrrp_version 2|3") && Int(s, 1, OptionRanges.Version) is { } version)
                    {
                        _global = _global with { VrrpVersion = version };
                    }

                    break;
                case "vrrp_garp_master_delay":
                    if (GarpInt(s, "global.garp.masterDelay", OptionRanges.GarpSeconds) is { } delay)
                    {
                        _global = _global with { Garp = garp with { MasterDelay = delay } };
                    }

                    break;
                case "vrrp_garp_master_repeat":
                    if (GarpInt(s, "global.garp.masterRepeat", OptionRanges.GarpRepeat) is { } repeat)
                    {
                        _global = _global with { Garp = garp with { MasterRepeat = repeat } };
                    }

                    break;
                case "vrrp_garp_master_refresh":
                    if (GarpInt(s, "global.garp.masterRefresh", OptionRanges.GarpSeconds) is { } refresh)
                    {
                        _global = _global with { Garp = garp with { MasterRefresh = refresh } };
                    }

                    break;
                case "vrrp_garp_master_refresh_repeat":
                    if (GarpInt(s, "global.garp.masterRefreshRepeat", OptionRanges.GarpRepeat) is { } refreshRepeat)
                    {
                        _global = _global with { Garp = garp with { MasterRefreshRepeat = refreshRepeat } };
                    }

                    break;
                case "vrrp_garp_interval":
                    Record("global.garp.interval", s);
                    if (Args(s, 1, 1, $"seconds: vrrp_garp_interval {OptionRanges.GarpInterval}") && Decimal(s, 1, OptionRanges.GarpInterval) is { } interval)
                    {
                        _global = _global with { Garp = garp with { Interval = interval } };
                    }

                    break;
                case "vrrp_gna_interval":
                    Record("global.garp.gnaInterval", s);
                    if (Args(s, 1, 1, $"seconds: vrrp_gna_interval {OptionRanges.GarpInterval}") && Decimal(s, 1, OptionRanges.GarpInterval) is { } gna)
                    {
                        _global = _global with { Garp = garp with { GnaInterval = gna } };
                    }

                    break;
                case "script_user":
                    Record("global.scriptUser", s);
                    if (Args(s, 1, 2, "a user and optionally a group: script_user USER [GROUP]"))
                    {
                        _global = _global with { ScriptUser = s.Words[1].Text, ScriptGroup = s.ArgumentCount == 2 ? s.Words[2].Text : null };
                    }

                    break;
                case "enable_script_security":
                    Record("global.enableScriptSecurity", s);
                    if (Flag(s) is { } security)
                    {
                        _global = _global with { EnableScriptSecurity = security };
                    }

                    break;
                case "notification_email":
                    if (s.Block is { Count: > 0 })
                    {
                        Unsupported(s, "vrrpd sends no e-mail; use notify scripts");
                    }

                    break;
                case "notification_email_from" or "smtp_server" or "smtp_helo_name" or "smtp_connect_timeout" or "smtp_alert" or "smtp_alert_vrrp":
                    Unsupported(s, "vrrpd sends no e-mail; use notify scripts");
                    break;
                case "vrrp_strict" or "vrrp_iptables" or "vrrp_ipsets" or "vrrp_nftables" or "enable_traps" or "enable_snmp_vrrp"
                    or "enable_dbus" or "lvs_id" or "vrrp_mcast_group4" or "vrrp_mcast_group6" or "vrrp_no_swap" or "vrrp_priority"
                    or "vrrp_rt_priority" or "vrrp_garp_lower_prio_delay" or "vrrp_garp_lower_prio_repeat" or "vrrp_lower_prio_no_advert"
                    or "vrrp_higher_prio_send_advert" or "dynamic_interfaces" or "max_auto_priority" or "vrrp_startup_delay":
                    Unsupported(s, "no vrrpd equivalent");
                    break;
                default:
                    Unknown(s, "in global_defs");
                    break;
            }
        }
    }

    private int? GarpInt(KeepalivedStatement s, string path, ValueRange range)
    {
        Record(path, s);
        return Args(s, 1, 1, $"one whole number: {s.Keyword.Text} {range}") ? Int(s, 1, range) : null;
    }
}
