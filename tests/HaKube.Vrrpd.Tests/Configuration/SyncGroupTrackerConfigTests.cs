using HaKube.Common.Configuration;
using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>Trackers declared on a vrrp_sync_group, in keepalived.conf and in the native format, with their findings.</summary>
public sealed class SyncGroupTrackerConfigTests
{
    private const string Definitions = """
        vrrp_script chk {
          script /bin/true
          weight -30
        }
        vrrp_track_process proc {
          process haproxy
        }
        track_file tf {
          file /tmp/hakube-group-health
        }

        """;

    private static string Members(int priority2 = 100, string extra1 = "") =>
        TestConfig.Instance(extra1, name: "VI_1") + "\n" + TestConfig.Instance($"  priority {priority2}", name: "VI_2", vrid: 52, vip: "192.0.2.11/24") + "\n";

    private static string Group(string trackers) => $$"""
        vrrp_sync_group G1 {
          group {
            VI_1
            VI_2
          }
        {{trackers}}
        }

        """;

    /// <summary>The 1-based line of the first line of <paramref name="text"/> containing <paramref name="needle"/> (after <paramref name="after"/>).</summary>
    private static int LineOf(string text, string needle, string after = "")
    {
        var start = after.Length == 0 ? 0 : text.IndexOf(after, StringComparison.Ordinal);
        var at = text.IndexOf(needle, start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{needle}' not in the test's text");
        return text[..at].Count(c => c == '\n') + 1;
    }

    [Fact]
    public void KeepalivedConf_EveryTrackerKindOnTheGroup_IsRead_WithItsWeights()
    {
        var options = TestConfig.LoadText(Definitions + Members() + Group("""
              track_script {
                chk weight -20 reverse
              }
              track_interface {
                eth1 weight -5
                eth2
              }
              track_process {
                proc weight -10 noreverse
              }
              track_file {
                tf weight 0
              }
            """)).Result.Clean();

        var group = Assert.Single(options.SyncGroups);
        Assert.Equal([new TrackReference("chk", -20, WeightReverse: true)], group.TrackScripts);
        Assert.Equal([new TrackReference("eth1", -5), new TrackReference("eth2")], group.TrackInterfaces);
        Assert.Equal([new TrackReference("proc", -10, WeightReverse: false)], group.TrackProcesses);
        Assert.Equal([new TrackReference("tf", 0)], group.TrackFiles);
        Assert.All(options.Instances, i => Assert.Empty(i.TrackScripts)); // the members' own lists are untouched
    }

    [Fact]
    public void Native_EveryTrackerKindOnTheGroup_ReadsIntoTheSameModelAsKeepalivedConf()
    {
        var fromKeepalived = TestConfig.LoadText(Definitions + Members() + Group("""
              track_script {
                chk weight -20 reverse
              }
              track_interface {
                eth1 weight -5
              }
              track_process {
                proc
              }
              track_file {
                tf weight 0
              }
            """)).Result.Clean();

        var json = TestConfig.Canonical(fromKeepalived);
        Assert.Contains("\"trackFiles\": [", json[json.IndexOf("\"syncGroups\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var (result, _) = TestConfig.LoadText(json, "vrrpd.json");

        Assert.Equal(ConfigFormat.Native, result.Format);
        Assert.Equal(json, TestConfig.Canonical(result.Clean()));
    }

    [Fact]
    public void Native_GroupTrackers_AndATypeError_AtItsLine()
    {
        var (result, path) = TestConfig.LoadText("""
            {
              "trackFiles": [ { "name": "tf", "path": "/tmp/hakube-group-health" } ],
              "trackTcplb": [ { "name": "lb", "adminSocket": "/run/tcplb/admin.sock" } ],
              "instances": [
                { "name": "VI_1", "interface": "eth0", "virtualRouterId": 51, "virtualAddresses": [ { "address": "192.0.2.10" } ] },
                { "name": "VI_2", "interface": "eth0", "virtualRouterId": 52, "virtualAddresses": [ { "address": "192.0.2.11" } ] }
              ],
              "syncGroups": [
                {
                  "name": "G1",
                  "instances": [ "VI_1", "VI_2" ],
                  "trackFiles": [ { "name": "tf", "weight": -20 } ],
                  "trackTcplb": [ { "name": "lb" } ],
                  "trackInterfaces": [ { "name": "eth1", "weight": "low" } ]
                }
              ]
            }
            """, "vrrpd.json");

        result.SingleError(path, 14, "syncGroups[0].trackInterfaces[0].weight");

        var fixedText = File.ReadAllText(path).Replace("\"low\"", "-5", StringComparison.Ordinal);
        var group = Assert.Single(TestConfig.LoadText(fixedText, "vrrpd.json").Result.Clean().SyncGroups);
        Assert.Equal([new TrackReference("tf", -20)], group.TrackFiles);
        Assert.Equal([new TrackReference("lb")], group.TrackTcplb);
        Assert.Equal([new TrackReference("eth1", -5)], group.TrackInterfaces);
    }

    [Theory]
    [InlineData("track_script", "chk_nope", "track script 'chk_nope' is not defined (defined: chk)")]
    [InlineData("track_process", "proc_nope", "process tracker 'proc_nope' is not defined (defined: proc)")]
    [InlineData("track_file", "tf_nope", "file tracker 'tf_nope' is not defined (defined: tf)")]
    public void UndefinedTrackerOnTheGroup_IsAnError_AtTheReferencesLine(string block, string name, string message)
    {
        var text = Definitions + Members() + Group($"  {block} {{\n    {name}\n  }}");
        var (result, path) = TestConfig.LoadText(text);

        var error = result.SingleError(path, LineOf(text, name), block);
        Assert.Contains($"sync group 'G1': {message}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeUndefinedTrackerOnTheGroup_IsAnError_AtItsLine()
    {
        var (result, path) = TestConfig.LoadText("""
            {
              "instances": [
                { "name": "VI_1", "interface": "eth0", "virtualRouterId": 51, "virtualAddresses": [ { "address": "192.0.2.10" } ] },
                { "name": "VI_2", "interface": "eth0", "virtualRouterId": 52, "virtualAddresses": [ { "address": "192.0.2.11" } ] }
              ],
              "syncGroups": [
                {
                  "name": "G1",
                  "instances": [ "VI_1", "VI_2" ],
                  "trackScripts": [ { "name": "chk" } ]
                }
              ]
            }
            """, "vrrpd.json");

        var error = result.SingleError(path, 10, "syncGroups[0].trackScripts[0]");
        Assert.Contains("sync group 'G1': track script 'chk' is not defined (none is defined)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrackBfdOnTheGroup_IsAWarning_AtItsLine_AndIgnored()
    {
        var text = Members() + Group("  track_bfd {\n    bfd1\n  }");
        var (result, path) = TestConfig.LoadText(text);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((path, LineOf(text, "track_bfd"), "track_bfd", Severity.Warning), (warning.File, warning.Line, warning.Field, warning.Severity));
        Assert.Contains("vrrpd has no BFD", warning.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Options);
    }

    [Fact]
    public void BadWeightClause_OnTheGroup_IsAnError_AtItsLine()
    {
        var text = Definitions + Members() + Group("  track_script {\n    chk weight 300\n  }\n  track_file {\n    tf weight -2 sideways\n  }");
        var (result, path) = TestConfig.LoadText(text);

        // The clause's syntax is the reader's finding, the range the validator's (which runs after it).
        Assert.Equal(
            [(path, LineOf(text, "tf weight -2"), "tf"), (path, LineOf(text, "chk weight 300"), "track_script")],
            result.Errors().Select(e => (e.File, e.Line, e.Field)));
        Assert.Contains("unexpected 'sideways'; allowed: NAME [weight -253..253 [reverse|noreverse]]", result.Errors().First().Message, StringComparison.Ordinal);
        Assert.Contains("sync group 'G1': weight of track script 'chk': 300 is out of range; allowed -253..253", result.Errors().Last().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightedGroupTracker_WithAnAddressOwnerMember_IsAWarning_AsKeepalivedClearsTheWeight()
    {
        // chk's weight (-30) comes from its definition; eth2 and tf weight 0 are fault-only already: no finding for them.
        var text = Definitions + Members(priority2: 255) + Group("""
              track_script {
                chk
              }
              track_interface {
                eth1 weight -5
                eth2
              }
              track_file {
                tf weight 0
              }
            """);
        var (result, path) = TestConfig.LoadText(text);

        var groupWarnings = result.Warnings().Where(w => w.Message.StartsWith("sync group", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [(path, LineOf(text, "    chk", after: "vrrp_sync_group")), (path, LineOf(text, "eth1 weight -5"))],
            groupWarnings.Select(w => (w.File, w.Line)));
        Assert.Contains("track script 'chk' has weight -30, but member 'VI_2' has priority 255 (the address owner); the weight is cleared", groupWarnings[0].Message, StringComparison.Ordinal);
        Assert.NotNull(result.Options);
    }

    [Fact]
    public void MemberAlsoTrackingTheGroupsTracker_IsAWarning_AtTheMembersReference()
    {
        var text = Definitions + Members(extra1: "  track_script {\n    chk weight -10\n  }") + Group("  track_script {\n    chk\n  }");
        var (result, path) = TestConfig.LoadText(text);

        // Besides it, exactly the definitions' process and file trackers (tracked by nobody here) are warned about, on their own lines.
        var warning = Assert.Single(result.Diagnostics, d => d.Field == "track_script");
        Assert.Equal(
            [(LineOf(text, "vrrp_track_process proc"), "process tracker 'proc' is not used"), (LineOf(text, "track_file tf"), "file tracker 'tf' is not used")],
            result.Diagnostics.Where(d => d != warning).Select(d => (d.Line, d.Message[..d.Message.IndexOf(':', StringComparison.Ordinal)])));
        Assert.All(result.Diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.Equal((path, LineOf(text, "chk weight -10"), Severity.Warning), (warning.File, warning.Line, warning.Severity));
        Assert.Contains("instance 'VI_1': track script 'chk' is also tracked by its sync group 'G1'; the group's entry applies to every member and this one is ignored", warning.Message, StringComparison.Ordinal);
    }

    private const string MemberTrackers = """
          track_script {
            chk
            chk_zero
          }
          track_file {
            tf weight 4
            tf_zero weight 0
          }
          track_process {
            proc weight -7
          }
          track_interface {
            eth1 weight -10
          }
        """;

    private const string ZeroWeightScript = """
        vrrp_script chk_zero {
          script /bin/true
        }
        track_file tf_zero {
          file /tmp/hakube-member-fault
        }

        """;

    [Fact]
    public void MembersWeightedScriptAndFile_InAGroup_AreWarnings_AtTheMembersLines_InKeepalivedsWords()
    {
        var text = Definitions + ZeroWeightScript + Members(extra1: MemberTrackers) + Group("");
        var (result, path) = TestConfig.LoadText(text);

        // Keepalived 2.2.7 logs "(VI_1) ignoring tracked script chk with weights due to SYNC group" and "(VI_1) ignoring
        // tracked file tf with weight 4 due to SYNC group"; the weight-0 entries, the process and the interface stay.
        Assert.Equal(
            [(path, LineOf(text, "    chk\n", after: "vrrp_instance VI_1"), "track_script"), (path, LineOf(text, "tf weight 4"), "track_file")],
            result.Warnings().Select(w => (w.File, w.Line, w.Field)));
        Assert.Contains("(VI_1) ignoring tracked script chk with weights due to SYNC group G1, as Keepalived 2.2.7 does", result.Warnings().First().Message, StringComparison.Ordinal);
        Assert.Contains("(VI_1) ignoring tracked file tf with weight 4 due to SYNC group G1", result.Warnings().Last().Message, StringComparison.Ordinal);
        Assert.Contains("add sync_group_tracking_weight to the group", result.Warnings().First().Message, StringComparison.Ordinal);
        Assert.NotNull(result.Options);
        Assert.False(Assert.Single(result.Options.SyncGroups).TrackingWeight);
    }

    [Theory]
    [InlineData("sync_group_tracking_weight")]
    [InlineData("global_tracking")]
    public void MembersWeightedTrackers_WithSyncGroupTrackingWeight_PassWithoutFindings(string keyword)
    {
        var options = TestConfig.LoadText(Definitions + ZeroWeightScript + Members(extra1: MemberTrackers) + Group($"  {keyword}")).Result.Clean();

        Assert.True(Assert.Single(options.SyncGroups).TrackingWeight);
        var va = SyncGroupTracking.WithGroupTrackers(options, options.Instances[0]);
        Assert.Equal(["chk", "chk_zero"], va.TrackScripts.Select(r => r.Name));
        Assert.Equal(["tf", "tf_zero"], va.TrackFiles.Select(r => r.Name));
    }

    [Fact]
    public void NativeMembersWeightedScript_InAGroupWithoutTrackingWeight_IsAWarning_AtItsLine()
    {
        var (result, path) = TestConfig.LoadText("""
            {
              "trackScripts": [ { "name": "chk", "command": [ "/bin/true" ], "weight": -30 } ],
              "instances": [
                { "name": "VI_1", "interface": "eth0", "virtualRouterId": 51, "virtualAddresses": [ { "address": "192.0.2.10" } ],
                  "trackScripts": [ { "name": "chk" } ] },
                { "name": "VI_2", "interface": "eth0", "virtualRouterId": 52, "virtualAddresses": [ { "address": "192.0.2.11" } ] }
              ],
              "syncGroups": [ { "name": "G1", "instances": [ "VI_1", "VI_2" ] } ]
            }
            """, "vrrpd.json");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 5, "instances[0].trackScripts[0]", Severity.Warning), (warning.File, warning.Line, warning.Field, warning.Severity));
        Assert.Contains("(VI_1) ignoring tracked script chk with weights due to SYNC group G1", warning.Message, StringComparison.Ordinal);
    }
}
