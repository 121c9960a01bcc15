using System.Net;
using HaKube.Common.Configuration;
using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>Cross-field and cross-instance checks, each reported with file, line and field.</summary>
public sealed class OptionsValidatorTests
{
    private static (ConfigLoadResult Result, string Path) Load(string text) => TestConfig.LoadText(text);

    [Fact]
    public void DuplicateVrid_OnTheSameInterfaceAndFamily_IsAnError_AtTheSecond()
    {
        var (result, path) = Load(TestConfig.Instance(name: "A") + "\n" + TestConfig.Instance(name: "B"));

        var error = result.SingleError(path, 11, "virtual_router_id");
        Assert.Contains("already used by instance 'A' on eth0 (IPv4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameVrid_InAnotherFamily_IsAllowed()
    {
        var (result, _) = Load(TestConfig.Instance(name: "A") + "\n" + TestConfig.Instance(name: "B", vip: "2001:db8::1"));

        result.Clean();
    }

    [Fact]
    public void DuplicateInstanceName_IsAnError()
    {
        var (result, path) = Load(TestConfig.Instance(name: "A") + "\n" + TestConfig.Instance(name: "A", vrid: 52));

        result.SingleError(path, 9, "vrrp_instance");
    }

    [Fact]
    public void UnicastSourceOfAnotherFamily_IsAnError()
    {
        var (result, path) = Load(TestConfig.Instance("  unicast_src_ip 2001:db8::2"));

        result.SingleError(path, 7, "unicast_src_ip");
    }

    [Fact]
    public void DuplicatePeer_AndPeerEqualToSource_AreErrors_AtTheirLines()
    {
        var (result, path) = Load(TestConfig.Instance("  unicast_src_ip 192.0.2.2\n  unicast_peer {\n    192.0.2.3\n    192.0.2.3\n    192.0.2.2\n  }"));

        Assert.Equal([(path, 10, "unicast_peer"), (path, 11, "unicast_peer")], result.Errors().Select(d => (d.File, d.Line, d.Field)));
        Assert.Contains("listed twice", result.Errors().First().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vrrp_script s {\n  script /bin/true\n  weight 254\n}\n", 3, "weight", "-253..253")]
    [InlineData("vrrp_script s {\n  script /bin/true\n  interval 0\n}\n", 3, "interval", "0.001..86400")]
    [InlineData("vrrp_script s {\n  script /bin/true\n  timeout 0\n}\n", 3, "timeout", "0.001..86400")]
    [InlineData("vrrp_script s {\n  script /bin/true\n  rise 0\n}\n", 3, "rise", "1..2147483647")]
    [InlineData("vrrp_script s {\n  script /bin/true\n  fall -1\n}\n", 3, "fall", "1..2147483647")]
    [InlineData("vrrp_script s {\n  interval 2\n}\n", 1, "vrrp_script", "no script to run")]
    [InlineData("vrrp_track_process p {\n  process haproxy\n  weight 255\n}\n", 3, "weight", "-254..254")]
    [InlineData("vrrp_track_process p {\n  process haproxy\n  quorum 0\n}\n", 3, "quorum", "1..65535")]
    [InlineData("vrrp_track_process p {\n  weight 2\n}\n", 1, "vrrp_track_process", "exactly one of a process name")]
    [InlineData("track_file f {\n  file /tmp/f\n  weight -255\n}\n", 3, "weight", "-254..254")]
    [InlineData("global_defs {\n  vrrp_garp_master_repeat 0\n}\n", 2, "vrrp_garp_master_repeat", "1..255")]
    [InlineData("global_defs {\n  vrrp_version 4\n}\n", 2, "vrrp_version", "2..3")]
    [InlineData("global_defs {\n  vrrp_gna_interval -1\n}\n", 2, "vrrp_gna_interval", "0..4294.967295")]
    public void TrackerAndGlobalRanges_AreErrors_WithTheRange(string definition, int line, string field, string allowed)
    {
        var (result, path) = Load(definition + TestConfig.Instance());

        var error = result.SingleError(path, line, field);
        Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceWeightOutOfRange_IsAnError_AtTheReference()
    {
        var (result, path) = Load("vrrp_script s {\n  script /bin/true\n}\n" + TestConfig.Instance("  track_script {\n    s weight 300\n  }"));

        var error = result.SingleError(path, 11, "track_script");
        Assert.Contains("300 is out of range; allowed -253..253", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Priority255_WithoutOwningTheAddress_IsAWarning_AsKeepalived()
    {
        var (result, path) = Load(TestConfig.Instance("  priority 255\n  unicast_src_ip 192.0.2.2"));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 7, "priority", Severity.Warning), (warning.File, warning.Line, warning.Field, warning.Severity));
        Assert.NotNull(result.Options);
    }

    [Fact]
    public void Priority255_ForTheAddressOwner_IsClean()
    {
        var (source, _) = Load(TestConfig.Instance("  priority 255\n  unicast_src_ip 192.0.2.10"));
        source.Clean();

        var path = Path.Combine(TestConfig.NewTempDirectory(), "keepalived.conf");
        File.WriteAllText(path, TestConfig.Instance("  priority 255"));
        ConfigLoader.Load(path, new HashSet<IPAddress> { IPAddress.Parse("192.0.2.10") }).Clean();
    }

    [Theory]
    [InlineData("  advert_int 256", "whole seconds 1..255")]
    [InlineData("  advert_int 1.5", "whole seconds 1..255")]
    [InlineData("  version 3\n  advert_int 40.96", "0.01..40.95 s in steps of 0.01")]
    [InlineData("  version 3\n  advert_int 0.005", "0.01..40.95 s in steps of 0.01")]
    public void AdvertInt_RangeDependsOnVersion(string lines, string allowed)
    {
        var (result, path) = Load(TestConfig.Instance(lines));

        var error = result.SingleError(path, lines.Contains("version", StringComparison.Ordinal) ? 8 : 7, "advert_int");
        Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyVirtualIpaddress_IsAnError_AtTheBlock()
    {
        var (result, path) = Load("vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n  }\n}\n");

        result.SingleError(path, 4, "virtual_ipaddress");
    }

    [Fact]
    public void MissingInterface_AndNoInstanceAtAll_AreErrors()
    {
        var (noInterface, path) = Load("vrrp_instance VI_1 {\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.1\n  }\n}\n");
        noInterface.SingleError(path, 1, "vrrp_instance");

        var (empty, emptyPath) = Load("global_defs {\n  router_id x\n}\n");
        empty.SingleError(emptyPath, 0, "vrrp_instance");
    }

    [Fact]
    public void BadPrefix_ScopeAndLabel_AreErrors()
    {
        var (result, path) = Load(TestConfig.Instance(vip: "192.0.2.1/33") + "\n" + TestConfig.Instance(name: "B", vrid: 52, vip: "192.0.2.2 scope galactic") + "\n"
            + TestConfig.Instance(name: "C", vrid: 53, vip: "2001:db8::1 label eth0:v6"));

        Assert.Equal([(path, 5, "virtual_ipaddress"), (path, 13, "virtual_ipaddress"), (path, 21, "virtual_ipaddress")], result.Errors().Select(d => (d.File, d.Line, d.Field)));
    }

    [Fact]
    public void SyncGroupMember_InTwoGroups_IsAnError_AndAOneMemberGroupAWarning()
    {
        var (result, path) = Load(TestConfig.Instance() + "\nvrrp_sync_group G1 {\n  group {\n    VI_1\n  }\n}\nvrrp_sync_group G2 {\n  group {\n    VI_1\n  }\n}\n");

        Assert.Equal(
            [(path, 10, "group", Severity.Warning), (path, 15, "group", Severity.Warning), (path, 16, "group", Severity.Error)],
            result.Diagnostics.Select(d => (d.File, d.Line, d.Field, d.Severity)).Order());
    }

    [Fact]
    public void NativeOnlyTrackers_AreChecked()
    {
        var (result, path) = TestConfig.LoadText("""
            {
              "trackProcesses": [ { "name": "p", "processName": "haproxy", "pidFile": "run/haproxy.pid" } ],
              "trackTcplb": [ { "name": "t", "adminSocket": "admin.sock", "noHealthyBackendWeight": -300 } ],
              "instances": [ { "name": "VI_1", "interface": "eth0", "virtualRouterId": 1,
                               "virtualAddresses": [ { "address": "192.0.2.1" } ],
                               "trackProcesses": [ { "name": "p" } ], "trackTcplb": [ { "name": "t" } ] } ]
            }
            """, "vrrpd.json");

        Assert.Equal(
            [(path, 2, "trackProcesses[0]"), (path, 2, "trackProcesses[0].pidFile"), (path, 3, "trackTcplb[0].adminSocket"), (path, 3, "trackTcplb[0].noHealthyBackendWeight")],
            result.Errors().Select(d => (d.File, d.Line, d.Field)));
    }
}
