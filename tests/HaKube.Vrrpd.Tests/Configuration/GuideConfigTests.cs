using System.Diagnostics;
using System.Net;
using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>The reference guide's keepalived.conf (lb1) and its lb2 variant, read unchanged.</summary>
public sealed class GuideConfigTests
{
    [Fact]
    public void GuideLb1_ParsesWithoutFindings_IntoTheExpectedModel()
    {
        var result = ConfigLoader.Load(TestConfig.DataFile("guide-keepalived.conf"));

        var options = result.Clean();
        Assert.Equal(ConfigFormat.Keepalived, result.Format);
        AssertGuideModel(options, self: "172.16.0.2", peer: "172.16.0.3");
    }

    [Fact]
    public void GuideLb2_ParsesWithoutFindings_WithSourceAndPeerSwapped()
    {
        var options = ConfigLoader.Load(TestConfig.DataFile("guide-lb2-keepalived.conf")).Clean();

        AssertGuideModel(options, self: "172.16.0.3", peer: "172.16.0.2");
    }

    [Fact]
    public async Task GuideGnaIntervalZero_IsAccepted_ThoughKeepalivedsOwnCheckRejectsIt()
    {
        var path = TestConfig.DataFile("guide-keepalived.conf");

        var options = ConfigLoader.Load(path).Clean();

        Assert.Equal(0m, options.Global.Garp.GnaInterval);
        Assert.Equal(0m, options.Global.Garp.Interval);
        if (File.Exists("/usr/sbin/keepalived"))
        {
            // Keepalived 2.2.7: "(Line 7) number '0' outside range [0.000001, 4294.967295]"; config test only.
            var check = Process.Start(new ProcessStartInfo("/usr/sbin/keepalived", ["-t", "-f", path])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var stderr = check.StandardError.ReadToEndAsync(timeout.Token);
            _ = await check.StandardOutput.ReadToEndAsync(timeout.Token);
            await check.WaitForExitAsync(timeout.Token);
            Assert.NotEqual(0, check.ExitCode);
            Assert.Contains("vrrp_gna_interval '0' is invalid", await stderr, StringComparison.Ordinal);
        }
    }

    internal static void AssertGuideModel(VrrpdOptions options, string self, string peer)
    {
        var global = options.Global;
        Assert.Equal("LVS_DEVEL", global.RouterId);
        Assert.True(global.SkipCheckAdvAddr);
        Assert.Equal(2, global.VrrpVersion);
        Assert.Equal(new GarpOptions(), global.Garp); // garp_interval 0 and gna_interval 0 are the defaults
        Assert.Null(global.ScriptUser);
        Assert.False(global.EnableScriptSecurity);
        Assert.Equal("/run/vrrpd", global.RunDirectory);
        Assert.Equal("127.0.0.1:9650", global.MetricsListen);

        var script = Assert.Single(options.TrackScripts);
        Assert.Equal("chk_haproxy", script.Name);
        Assert.Equal(["killall", "-0", "haproxy"], script.Command);
        Assert.Equal(2m, script.Interval);
        Assert.Null(script.Timeout);
        Assert.Equal(2, script.Weight);
        Assert.False(script.WeightReverse);
        Assert.Equal(1, script.Rise);
        Assert.Equal(1, script.Fall);
        Assert.Null(script.User);

        Assert.Empty(options.TrackProcesses);
        Assert.Empty(options.TrackFiles);
        Assert.Empty(options.TrackTcplb);
        Assert.Empty(options.SyncGroups);

        var vi = Assert.Single(options.Instances);
        Assert.Equal("haproxy-vip", vi.Name);
        Assert.Equal(VrrpInitialState.Backup, vi.InitialState);
        Assert.Equal(100, vi.Priority);
        Assert.Equal("eth0", vi.Interface);
        Assert.Equal(60, vi.VirtualRouterId);
        Assert.Equal(1m, vi.AdvertInt);
        Assert.Equal(100, vi.AdvertisementIntervalCentiseconds);
        Assert.Null(vi.Version);
        Assert.Equal(2, vi.EffectiveVersion(global));
        Assert.Equal("1111", vi.AuthenticationPassword);
        Assert.Equal(IPAddress.Parse(self), vi.UnicastSrcIp);
        Assert.Equal([IPAddress.Parse(peer)], vi.UnicastPeers);
        var vip = Assert.Single(vi.VirtualAddresses);
        Assert.Equal(new VirtualAddressOptions { Address = IPAddress.Parse("172.16.0.10"), PrefixLength = 24 }, vip);
        Assert.Empty(vi.VirtualAddressesExcluded);
        Assert.True(vi.Preempt);
        Assert.Equal(0m, vi.PreemptDelay);
        var track = Assert.Single(vi.TrackScripts);
        Assert.Equal(new TrackReference { Name = "chk_haproxy" }, track);
        Assert.Empty(vi.TrackInterfaces);
        Assert.Empty(vi.TrackProcesses);
        Assert.Empty(vi.TrackFiles);
        Assert.Equal(new NotifyOptions(), vi.Notify);
        Assert.Null(vi.Garp);
        Assert.Equal(new GarpOptions { MasterDelay = 5, MasterRepeat = 5, MasterRefresh = 0, MasterRefreshRepeat = 1 }, vi.EffectiveGarp(global));
        Assert.True(vi.EffectiveSkipCheckAdvAddr(global));
        Assert.False(vi.EffectiveCheckUnicastSource(global));
        Assert.False(vi.V3ChecksumWithoutPseudoHeader);
        Assert.Null(vi.FastTakeoverOnPriorityZero);
        Assert.True(vi.EffectiveFastTakeoverOnPriorityZero); // exactly one unicast peer
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, vi.Family);
    }
}
