using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Tests.Configuration;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Daemon;

public sealed class InstanceTrackersTests
{
    private const string Config = """
        vrrp_script chk_haproxy {
          script "killall -0 haproxy"
          interval 2
          timeout 1
          rise 2
          fall 3
          weight 2
        }
        vrrp_track_process haproxy {
          process haproxy
          weight 10
        }
        vrrp_instance vi {
          interface eth0
          virtual_router_id 1
          virtual_ipaddress {
            198.18.0.100/24
          }
          track_script {
            chk_haproxy weight -20
          }
          track_process {
            haproxy
          }
        }

        """;

    [Fact]
    public async Task TrackScript_MapsIntervalTimeoutRiseFallAndTheInstancesWeight_OtherKindsAreReportedUnsupported()
    {
        var options = TestConfig.LoadText(Config).Result.Options!;

        var trackers = InstanceTrackers.Create(options, options.Instances[0], new ScriptRunner(), TimeProvider.System, out var unsupported);

        var tracker = Assert.Single(trackers);
        Assert.Equal(new TrackerStatus("chk_haproxy", TrackerKind.Script, true, -20), tracker.Status);
        var settings = InstanceTrackers.ToSettings(options.TrackScripts[0], options.Instances[0].TrackScripts[0], options.Global);
        Assert.Equal(["killall", "-0", "haproxy"], settings.Argv);
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 2, 3, -20), (settings.Interval, settings.Timeout, settings.Rise, settings.Fall, settings.Weight));
        Assert.Equal(["track_process haproxy"], unsupported);
        await tracker.DisposeAsync();
    }
}
