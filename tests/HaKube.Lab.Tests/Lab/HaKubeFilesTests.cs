using System.Net;
using System.Text.Json;
using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests.Lab;

public sealed class HaKubeFilesTests
{
    [Fact]
    public void Vrrpd_UnicastV3_TracksTcplbAsAFault_ThroughTheStreamAndThePidFile()
    {
        using var doc = JsonDocument.Parse(HaKubeFiles.Vrrpd("lb1", IPAddress.Parse("198.18.0.2"), IPAddress.Parse("198.18.0.3"), LabTopology.Vip, 24, "eth0", 60));
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("global").GetProperty("vrrpVersion").GetInt32());
        var instance = Assert.Single(root.GetProperty("instances").EnumerateArray());
        Assert.Equal("198.18.0.2", instance.GetProperty("unicastSrcIp").GetString());
        Assert.Equal("198.18.0.3", Assert.Single(instance.GetProperty("unicastPeers").EnumerateArray()).GetString());
        Assert.Equal("198.18.0.10", Assert.Single(instance.GetProperty("virtualAddresses").EnumerateArray()).GetProperty("address").GetString());
        Assert.Equal(1, instance.GetProperty("advertInt").GetInt32());
        Assert.Equal("tcplb", Assert.Single(instance.GetProperty("trackTcplb").EnumerateArray()).GetProperty("name").GetString());
        var tcplb = Assert.Single(root.GetProperty("trackTcplb").EnumerateArray());
        Assert.True(tcplb.GetProperty("faultWhenGone").GetBoolean());
        Assert.Equal(HaKubeFiles.TcplbAdminSocket, tcplb.GetProperty("adminSocket").GetString());
        var pid = Assert.Single(root.GetProperty("trackProcesses").EnumerateArray());
        Assert.Equal(0, pid.GetProperty("weight").GetInt32());
        Assert.Equal(HaKubeFiles.TcplbPidFile, pid.GetProperty("pidFile").GetString());
    }

    [Theory]
    [InlineData(nameof(BalancerTracking.Pidfile), 1, 0)]
    [InlineData(nameof(BalancerTracking.Stream), 0, 1)]
    [InlineData(nameof(BalancerTracking.PidfileAndStream), 1, 1)]
    public void Vrrpd_Tracking_KeepsOnlyTheTrackersAsked(string tracking, int processes, int streams)
    {
        using var doc = JsonDocument.Parse(HaKubeFiles.Vrrpd("lb1", IPAddress.Parse("198.18.0.2"), IPAddress.Parse("198.18.0.3"), LabTopology.Vip, 24, "eth0", 60,
            tracking: Enum.Parse<BalancerTracking>(tracking)));
        var root = doc.RootElement;
        var instance = Assert.Single(root.GetProperty("instances").EnumerateArray());

        Assert.Equal((processes, streams), (root.GetProperty("trackProcesses").GetArrayLength(), root.GetProperty("trackTcplb").GetArrayLength()));
        Assert.Equal((processes, streams), (instance.GetProperty("trackProcesses").GetArrayLength(), instance.GetProperty("trackTcplb").GetArrayLength()));
    }

    [Theory]
    [InlineData("0.1", null, 3)]
    [InlineData("1", 2, 2)]
    [InlineData("2", null, 3)]
    public void Vrrpd_Timers_SetTheIntervalAndVersion(string advertInt, int? version, int expectedVersion)
    {
        var timers = VrrpTimers.Create(decimal.Parse(advertInt, System.Globalization.CultureInfo.InvariantCulture), version);
        using var doc = JsonDocument.Parse(HaKubeFiles.Vrrpd("lb1", IPAddress.Parse("198.18.0.2"), IPAddress.Parse("198.18.0.3"), LabTopology.Vip, 24, "eth0", 60, timers));

        Assert.Equal(expectedVersion, doc.RootElement.GetProperty("global").GetProperty("vrrpVersion").GetInt32());
        var instance = Assert.Single(doc.RootElement.GetProperty("instances").EnumerateArray());
        Assert.Equal(timers.AdvertInt, instance.GetProperty("advertInt").GetDecimal());
    }

    [Fact]
    public void Tcplb_ChecksReadyzOverHttps_WithFastInter_AndALongTunnel()
    {
        var masters = LabTopology.Masters.Select(m => (m.Name, m.Address)).ToList();
        using var doc = JsonDocument.Parse(HaKubeFiles.Tcplb(masters, 6443));
        var cluster = doc.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").GetProperty("kube-apiserver");
        Assert.Equal("/readyz", cluster.GetProperty("HealthCheck").GetProperty("Active").GetProperty("Path").GetString());
        var check = cluster.GetProperty("Tcplb").GetProperty("Check");
        Assert.Equal("Https", check.GetProperty("Type").GetString());
        Assert.True(check.TryGetProperty("FastInter", out _));
        Assert.Equal(HaKubeFiles.TcplbCaFile, check.GetProperty("CaFile").GetString());
        Assert.Equal("1h", cluster.GetProperty("Tcplb").GetProperty("Timeouts").GetProperty("Tunnel").GetString());
        Assert.Equal(
            ["https://198.18.0.4:6443", "https://198.18.0.5:6443", "https://198.18.0.6:6443"],
            cluster.GetProperty("Destinations").EnumerateObject().Select(d => d.Value.GetProperty("Address").GetString()));
        Assert.Equal(HaKubeFiles.TcplbPidFile, doc.RootElement.GetProperty("Global").GetProperty("PidFile").GetString());
    }
}
