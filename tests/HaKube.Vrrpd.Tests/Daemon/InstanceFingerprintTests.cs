using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Tests.Configuration;

namespace HaKube.Vrrpd.Tests.Daemon;

public sealed class InstanceFingerprintTests
{
    private const string Two = """
        vrrp_script chk_a {
          script "/bin/true"
          interval 2
          weight 2
        }
        vrrp_script chk_b {
          script "/bin/true"
          interval 2
        }
        vrrp_instance one {
          interface eth0
          virtual_router_id 1
          priority 100
          virtual_ipaddress {
            198.18.0.100/24
          }
          track_script {
            chk_a
          }
        }
        vrrp_instance two {
          interface eth0
          virtual_router_id 2
          priority 100
          virtual_ipaddress {
            198.18.0.101/24
          }
          track_script {
            chk_b
          }
        }

        """;

    private static (string One, string Two) Fingerprints(string text)
    {
        var options = TestConfig.LoadText(text).Result.Options!;
        return (InstanceFingerprint.Of(options, options.Instances[0]), InstanceFingerprint.Of(options, options.Instances[1]));
    }

    [Fact]
    public void SameFileReadTwice_SameFingerprints()
    {
        Assert.Equal(Fingerprints(Two), Fingerprints(Two));
    }

    [Fact]
    public void ChangedPriorityOfOneInstance_ChangesOnlyItsFingerprint()
    {
        var before = Fingerprints(Two);

        var after = Fingerprints(Two.Replace("virtual_router_id 2\n  priority 100", "virtual_router_id 2\n  priority 120", StringComparison.Ordinal));

        Assert.Equal(before.One, after.One);
        Assert.NotEqual(before.Two, after.Two);
    }

    [Fact]
    public void ChangedTrackScript_ChangesTheFingerprintOfTheInstanceThatTracksIt()
    {
        var before = Fingerprints(Two);

        var after = Fingerprints(Two.Replace("interval 2\n  weight 2", "interval 3\n  weight 2", StringComparison.Ordinal));

        Assert.NotEqual(before.One, after.One);
        Assert.Equal(before.Two, after.Two);
    }

    [Fact]
    public void ChangedSyncGroupTracker_ChangesTheMembersFingerprints_AndItsDefinitionToo()
    {
        var grouped = Two + "vrrp_sync_group lbs {\n  group {\n    one\n    two\n  }\n  track_script {\n    chk_a\n  }\n}\n";
        var before = Fingerprints(grouped);

        var weighted = Fingerprints(grouped.Replace("  track_script {\n    chk_a\n  }\n}", "  track_script {\n    chk_a weight -7\n  }\n}", StringComparison.Ordinal));
        // chk_a's definition now matters to two as well, through the group.
        var redefined = Fingerprints(grouped.Replace("weight 2", "weight 3", StringComparison.Ordinal));

        Assert.NotEqual(before.One, weighted.One);
        Assert.NotEqual(before.Two, weighted.Two);
        Assert.NotEqual(before.Two, redefined.Two);
    }
}
