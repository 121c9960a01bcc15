using System.Net;
using System.Net.Sockets;
using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>One test per keyword family of the keepalived.conf subset vrrpd reads.</summary>
public sealed class KeepalivedKeywordTests
{
    private static VrrpdOptions Clean(string text) => TestConfig.LoadText(text).Result.Clean();

    [Fact]
    public void GlobalDefs_AllSupportedKeywords()
    {
        var options = Clean("""
            global_defs {
              router_id lb1
              vrrp_skip_check_adv_addr
              vrrp_check_unicast_src
              vrrp_version 3
              vrrp_garp_master_delay 10
              vrrp_garp_master_repeat 3
              vrrp_garp_master_refresh 60
              vrrp_garp_master_refresh_repeat 2
              vrrp_garp_interval 0.001
              vrrp_gna_interval 0.5
              script_user haproxy haproxy
              enable_script_security
            }
            """ + TestConfig.Instance());

        Assert.Equal(new GlobalOptions
        {
            RouterId = "lb1",
            SkipCheckAdvAddr = true,
            CheckUnicastSource = true,
            VrrpVersion = 3,
            Garp = new GarpOptions { MasterDelay = 10, MasterRepeat = 3, MasterRefresh = 60, MasterRefreshRepeat = 2, Interval = 0.001m, GnaInterval = 0.5m },
            ScriptUser = "haproxy",
            ScriptGroup = "haproxy",
            EnableScriptSecurity = true,
        }, options.Global);
        Assert.Equal(3, options.Instances[0].EffectiveVersion(options.Global));
    }

    [Fact]
    public void VrrpScript_AllKeywords()
    {
        var options = Clean("""
            vrrp_script chk {
              script "/usr/local/bin/check 'two words' x"
              interval 0.5
              timeout 3
              rise 2
              fall 3
              weight -20 reverse
              user nobody nogroup
              init_fail
            }
            """ + TestConfig.Instance("  track_script {\n    chk weight 7\n  }"));

        Assert.Equal(new TrackScriptOptions
        {
            Name = "chk",
            Command = options.TrackScripts[0].Command,
            Interval = 0.5m,
            Timeout = 3,
            Rise = 2,
            Fall = 3,
            Weight = -20,
            WeightReverse = true,
            User = "nobody",
            Group = "nogroup",
            InitFail = true,
        }, Assert.Single(options.TrackScripts));
        Assert.Equal(["/usr/local/bin/check", "two words", "x"], options.TrackScripts[0].Command);
        Assert.Equal(new TrackReference { Name = "chk", Weight = 7 }, Assert.Single(options.Instances[0].TrackScripts));
    }

    [Fact]
    public void VrrpTrackProcess_MapsToAProcessTracker()
    {
        var options = Clean("""
            vrrp_track_process haproxy {
              process haproxy -f /etc/haproxy/haproxy.cfg
              full_command
              weight -10 reverse
              quorum 2
              quorum_max 4
              delay 0.5
              fork_delay 2
            }
            """ + TestConfig.Instance("  track_process {\n    haproxy\n  }"));

        var process = Assert.Single(options.TrackProcesses);
        Assert.Equal("haproxy", process.ProcessName);
        Assert.Equal(["-f", "/etc/haproxy/haproxy.cfg"], process.Arguments);
        Assert.Null(process.PidFile);
        Assert.True(process.FullCommand);
        Assert.Equal((-10, true), (process.Weight, process.WeightReverse));
        Assert.Equal((2, (int?)4), (process.Quorum, process.QuorumMax));
        Assert.Equal((0.5m, 2m), (process.TerminateDelay, process.ForkDelay));
        Assert.Equal("haproxy", Assert.Single(options.Instances[0].TrackProcesses).Name);
    }

    [Theory]
    [InlineData("track_file")]
    [InlineData("vrrp_track_file")]
    public void TrackFile_BothSpellings(string keyword)
    {
        var options = Clean($$"""
            {{keyword}} maint {
              file /run/vrrpd/maint
              weight -100
              init_file 0 overwrite
            }
            """ + TestConfig.Instance("  track_file {\n    maint weight -50 reverse\n  }"));

        Assert.Equal(new TrackFileOptions { Name = "maint", Path = "/run/vrrpd/maint", Weight = -100, InitValue = 0, InitOverwrite = true }, Assert.Single(options.TrackFiles));
        Assert.Equal(new TrackReference { Name = "maint", Weight = -50, WeightReverse = true }, Assert.Single(options.Instances[0].TrackFiles));
    }

    [Fact]
    public void TrackInterface_WithAndWithoutWeight()
    {
        var options = Clean(TestConfig.Instance("  track_interface {\n    eth1\n    eth2 weight -30\n  }\n  dont_track_primary"));

        var instance = options.Instances[0];
        Assert.Equal([new TrackReference { Name = "eth1" }, new TrackReference { Name = "eth2", Weight = -30 }], instance.TrackInterfaces);
        Assert.True(instance.DontTrackPrimary);
    }

    [Fact]
    public void Instance_StateMasterIsAHint_AndPreemptSettings()
    {
        var options = Clean(TestConfig.Instance("  state MASTER\n  priority 150\n  preempt_delay 30\n  advert_int 2"));

        var instance = options.Instances[0];
        Assert.Equal(VrrpInitialState.Master, instance.InitialState);
        Assert.Equal(150, instance.Priority);
        Assert.True(instance.Preempt);
        Assert.Equal(30m, instance.PreemptDelay);
        Assert.Equal(2m, instance.AdvertInt);
        Assert.Null(instance.AuthenticationPassword);
        Assert.Empty(instance.UnicastPeers); // multicast
        Assert.False(instance.EffectiveFastTakeoverOnPriorityZero);
    }

    [Theory]
    [InlineData("  vrrpd_fast_takeover off", false)]
    [InlineData("  vrrpd_fast_takeover no", false)]
    [InlineData("  vrrpd_fast_takeover", true)]
    [InlineData("  vrrpd_fast_takeover on", true)]
    [InlineData("", true)]
    public void VrrpdFastTakeover_WithOneUnicastPeer_KeepsOrDropsTheSkewTimeWait(string line, bool fast)
    {
        var (result, _) = TestConfig.LoadText(TestConfig.Instance("  unicast_peer {\n    192.0.2.2\n  }\n" + line));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(fast, result.Options!.Instances[0].EffectiveFastTakeoverOnPriorityZero);
    }

    [Fact]
    public void VrrpdFastTakeover_OnAMulticastInstance_TurnsItOn()
    {
        var instance = Clean(TestConfig.Instance("  vrrpd_fast_takeover yes")).Instances[0];

        Assert.Empty(instance.UnicastPeers);
        Assert.True(instance.EffectiveFastTakeoverOnPriorityZero);
    }

    [Fact]
    public void VrrpdFastTakeover_NotATruthValue_IsAnErrorNamingTheLine()
    {
        var (result, path) = TestConfig.LoadText(TestConfig.Instance("  vrrpd_fast_takeover sometimes"));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 7, "vrrpd_fast_takeover"), (error.File, error.Line, error.Field));
        Assert.Contains("allowed true|false|yes|no|on|off", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Options);
    }

    [Fact]
    public void Nopreempt_WithStateMaster_IsAWarning_AsKeepalived()
    {
        var (result, path) = TestConfig.LoadText(TestConfig.Instance("  state MASTER\n  nopreempt"));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 8, "nopreempt"), (warning.File, warning.Line, warning.Field));
        Assert.False(result.Options!.Instances[0].Preempt);
    }

    [Fact]
    public void VirtualIpaddress_Options_AndExcludedMayMixFamilies()
    {
        var options = Clean(TestConfig.Instance("""
              virtual_ipaddress {
                192.0.2.11/24 brd 192.0.2.255 dev eth1 scope global label eth1:vip
                192.0.2.12
              }
              virtual_ipaddress_excluded {
                2001:db8::10/64 dev eth1
              }
            """));

        var instance = options.Instances[0];
        Assert.Equal(
            [
                new VirtualAddressOptions { Address = IPAddress.Parse("192.0.2.10"), PrefixLength = 24 },
                new VirtualAddressOptions { Address = IPAddress.Parse("192.0.2.11"), PrefixLength = 24, Broadcast = IPAddress.Parse("192.0.2.255"), Device = "eth1", Scope = "global", Label = "eth1:vip" },
                new VirtualAddressOptions { Address = IPAddress.Parse("192.0.2.12") },
            ],
            instance.VirtualAddresses);
        Assert.Equal(new VirtualAddressOptions { Address = IPAddress.Parse("2001:db8::10"), PrefixLength = 64, Device = "eth1" }, Assert.Single(instance.VirtualAddressesExcluded));
    }

    [Fact]
    public void IPv6Addresses_MakeAnIPv6Instance_WithVersion3()
    {
        var options = Clean(TestConfig.Instance(vip: "2001:db8::1/64", extra: "  advert_int 0.1"));

        var instance = options.Instances[0];
        Assert.Equal(AddressFamily.InterNetworkV6, instance.Family);
        Assert.Equal(3, instance.EffectiveVersion(options.Global));
        Assert.Equal(10, instance.AdvertisementIntervalCentiseconds);
    }

    [Fact]
    public void IPv6Instance_WithVersion2_IsAnError()
    {
        var (result, path) = TestConfig.LoadText(TestConfig.Instance(vip: "2001:db8::1/64", extra: "  version 2"));

        result.SingleError(path, 7, "version");
    }

    [Fact]
    public void MixingFamilies_InVirtualIpaddress_IsAnError_AtTheOddEntry()
    {
        var (result, path) = TestConfig.LoadText(TestConfig.Instance("  virtual_ipaddress {\n    2001:db8::1\n  }"));

        var error = result.SingleError(path, 8, "virtual_ipaddress");
        Assert.Contains("2001:db8::1 is IPv6 but the instance is IPv4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unicast_SourceAndPeers()
    {
        var options = Clean(TestConfig.Instance("  unicast_src_ip 192.0.2.2\n  unicast_peer {\n    192.0.2.3\n    192.0.2.4\n  }"));

        var instance = options.Instances[0];
        Assert.Equal(IPAddress.Parse("192.0.2.2"), instance.UnicastSrcIp);
        Assert.Equal([IPAddress.Parse("192.0.2.3"), IPAddress.Parse("192.0.2.4")], instance.UnicastPeers);
        Assert.False(instance.EffectiveFastTakeoverOnPriorityZero); // two peers: another backup may compete
    }

    [Fact]
    public void NotifyScripts_WithUserAndGroup()
    {
        var options = Clean(TestConfig.Instance("""
              notify_master "/etc/keepalived/notify.sh master"
              notify_backup /etc/keepalived/backup.sh root
              notify_fault "/etc/keepalived/notify.sh fault" nobody nogroup
              notify_stop /etc/keepalived/stop.sh
              notify /etc/keepalived/notify-all.sh
            """));

        var notify = options.Instances[0].Notify;
        Assert.Equal(["/etc/keepalived/notify.sh", "master"], notify.Master!.Command);
        Assert.Equal(["/etc/keepalived/backup.sh"], notify.Backup!.Command);
        Assert.Equal(("root", (string?)null), (notify.Backup.User, notify.Backup.Group));
        Assert.Equal(("nobody", "nogroup"), (notify.Fault!.User, notify.Fault.Group));
        Assert.Equal(["/etc/keepalived/stop.sh"], notify.Stop!.Command);
        Assert.Equal(["/etc/keepalived/notify-all.sh"], notify.Generic!.Command);
    }

    [Fact]
    public void RelativeNotifyScript_IsAnError()
    {
        var (result, path) = TestConfig.LoadText(TestConfig.Instance("  notify_master notify.sh"));

        var error = result.SingleError(path, 7, "notify_master");
        Assert.Contains("must be an absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GarpOverrides_ApplyOverTheGlobalSettings_EvenWhenGlobalDefsComeLater()
    {
        var options = Clean(TestConfig.Instance("  garp_master_delay 1\n  garp_master_refresh 30") + """

            global_defs {
              vrrp_garp_master_repeat 2
            }
            """);

        Assert.Equal(new GarpOptions { MasterDelay = 1, MasterRepeat = 2, MasterRefresh = 30 }, options.Instances[0].Garp);
    }

    [Fact]
    public void SyncGroup_GroupAndNotify()
    {
        var options = Clean(TestConfig.Instance(name: "VI_1") + TestConfig.Instance(name: "VI_2", vrid: 52) + """

            vrrp_sync_group G1 {
              group {
                VI_1
                VI_2
              }
              notify_master "/usr/local/bin/group.sh master"
              sync_group_tracking_weight
            }
            """);

        var group = Assert.Single(options.SyncGroups);
        Assert.Equal("G1", group.Name);
        Assert.Equal(["VI_1", "VI_2"], group.Instances);
        Assert.Equal(["/usr/local/bin/group.sh", "master"], group.Notify.Master!.Command);
        Assert.True(group.TrackingWeight);
    }

    [Fact]
    public void SyncGroup_UnknownMember_IsAnError_AtTheMembersLine()
    {
        var (result, path) = TestConfig.LoadText(TestConfig.Instance() + "\nvrrp_sync_group G1 {\n  group {\n    VI_1\n    VI_9\n  }\n}\n");

        result.SingleError(path, 12, "group");
    }

    [Fact]
    public void SupportedButIgnoredKeywords_AreWarnings()
    {
        var (result, path) = TestConfig.LoadText("global_defs {\n  smtp_server 127.0.0.1\n}\n" + TestConfig.Instance("  use_vmac"));

        Assert.Equal([(path, 2, "smtp_server"), (path, 10, "use_vmac")], result.Warnings().Select(w => (w.File, w.Line, w.Field)));
        Assert.NotNull(result.Options);
    }
}
