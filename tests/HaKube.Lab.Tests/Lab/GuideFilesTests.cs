using System.Diagnostics;
using System.Net;
using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests.Lab;

public sealed class GuideFilesTests
{
    private static readonly IPAddress[] Masters = [.. LabTopology.Masters.Select(m => m.Address)];

    [Fact]
    public void Haproxy_IsTheGuidesFile_WithLabMasterAddresses()
    {
        var text = GuideFiles.Haproxy(Masters);

        Assert.DoesNotContain("172.16.", text, StringComparison.Ordinal);
        Assert.Contains("server kube-apiserver-1 198.18.0.4:6443 check", text, StringComparison.Ordinal);
        Assert.Contains("server kube-apiserver-3 198.18.0.6:6443 check", text, StringComparison.Ordinal);
        // Everything else is the guide's, line for line.
        var changed = GuideFiles.HaproxyCfg.Split('\n').Zip(text.Split('\n')).Count(p => p.First != p.Second);
        Assert.Equal(3, changed);
    }

    [Fact]
    public void Keepalived_Lb2_SwapsSourceAndPeer_PointsTheTrackScriptAtThisNodesPid()
    {
        var text = GuideFiles.Keepalived(IPAddress.Parse("198.18.0.3"), IPAddress.Parse("198.18.0.2"), LabTopology.Vip, 24);

        Assert.DoesNotContain("172.16.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("killall", text, StringComparison.Ordinal);
        Assert.Contains("unicast_src_ip 198.18.0.3 ", text, StringComparison.Ordinal);
        Assert.Contains("unicast_peer {\n    198.18.0.2 ", text, StringComparison.Ordinal);
        Assert.Contains("198.18.0.10/24 ", text, StringComparison.Ordinal);
        Assert.Contains("script \"/bin/sh -c 'kill -0 $(cat /var/run/haproxy.pid)'\"", text, StringComparison.Ordinal);
        var changed = GuideFiles.KeepalivedConf.Split('\n').Zip(text.Split('\n')).Count(p => p.First != p.Second);
        Assert.Equal(4, changed);
    }

    [Fact]
    public void Keepalived_AdvertIntBelowOneSecond_RunsVrrpV3_WithThatInterval()
    {
        var text = GuideFiles.Keepalived(IPAddress.Parse("198.18.0.2"), IPAddress.Parse("198.18.0.3"), LabTopology.Vip, 24, VrrpTimers.Create(0.1m));

        Assert.Contains("  advert_int 0.1\n", text, StringComparison.Ordinal);
        Assert.Contains("router_id LVS_DEVEL\n  vrrp_version 3\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("advert_int 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keepalived_DefaultTimers_AreTheGuides_VrrpV2()
    {
        var text = GuideFiles.Keepalived(IPAddress.Parse("198.18.0.2"), IPAddress.Parse("198.18.0.3"), LabTopology.Vip, 24, VrrpTimers.Default);

        Assert.Contains("  advert_int 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("vrrp_version", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Haproxy_PassesHaproxysOwnCheck()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hakube-lab-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(file, GuideFiles.Haproxy(Masters));
        try
        {
            using var haproxy = Process.Start(new ProcessStartInfo("haproxy", ["-c", "-f", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await haproxy.StandardOutput.ReadToEndAsync() + await haproxy.StandardError.ReadToEndAsync();
            await haproxy.WaitForExitAsync();
            Assert.True(haproxy.ExitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
