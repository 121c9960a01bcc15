using System.Net;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.Tests.Configuration;

namespace HaKube.Vrrpd.Tests.Daemon;

public sealed class InstanceSettingsFactoryTests
{
    private static VrrpdOptions Guide()
    {
        var text = File.ReadAllText(TestConfig.DataFile("guide-keepalived.conf"))
            .Replace("172.16.0.2", "198.18.0.1", StringComparison.Ordinal)
            .Replace("172.16.0.3", "198.18.0.2", StringComparison.Ordinal)
            .Replace("172.16.0.10", "198.18.0.100", StringComparison.Ordinal);
        return TestConfig.LoadText(text).Result.Options!;
    }

    [Fact]
    public void GuideInstance_MapsToV2PassUnicastSettings()
    {
        var options = Guide();

        var settings = InstanceSettingsFactory.Create(options.Instances[0], options.Global, DaemonTestData.Links, DaemonTestData.Addresses);

        Assert.Equal("haproxy-vip", settings.Name);
        Assert.Equal(2, settings.InterfaceIndex);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), settings.SourceAddress);
        Assert.Equal(VrrpVersion.V2, settings.Machine.Version);
        Assert.Equal(100, settings.Machine.AdvertisementIntervalCentiseconds);
        Assert.Equal(100, settings.Machine.Priority);
        Assert.True(settings.Machine.EffectiveFastTakeover);
        Assert.Equal(60, settings.Receive.VirtualRouterId);
        Assert.Equal(VrrpAuthType.SimplePassword, settings.Receive.AuthType);
        Assert.Equal("1111"u8.ToArray().Concat(new byte[4]), settings.Receive.AuthenticationData);
        Assert.Equal([VrrpAddress.Parse("198.18.0.2")], settings.Peers.ToArray());
        Assert.Contains(VrrpAddress.Parse("198.18.0.1"), settings.Receive.LocalAddresses);
        var vip = Assert.Single(settings.VirtualAddresses);
        Assert.Equal((2, IPAddress.Parse("198.18.0.100"), 24), (vip.InterfaceIndex, vip.Address, vip.PrefixLength));
        Assert.Equal(VrrpCodec.EncodedLength(VrrpVersion.V2, 1, 4), settings.Writer.Length);
    }

    [Fact]
    public void NoUnicastSrcIp_SourceIsTheInterfacesPrimaryAddress_AndMulticastWithoutPeers()
    {
        var instance = new VrrpInstanceOptions(Name: "vi", Interface: "eth0", VirtualRouterId: 7, Version: 3, AdvertInt: 0.1m,
            VirtualAddresses: [new VirtualAddressOptions(IPAddress.Parse("198.18.0.50"))]);

        var settings = InstanceSettingsFactory.Create(instance, new GlobalOptions(), DaemonTestData.Links, DaemonTestData.Addresses);

        Assert.Equal(IPAddress.Parse("198.18.0.1"), settings.SourceAddress);
        Assert.Empty(settings.Peers);
        Assert.Equal(VrrpVersion.V3, settings.Machine.Version);
        Assert.Equal(10, settings.Machine.AdvertisementIntervalCentiseconds);
        Assert.Equal(VrrpAuthType.None, settings.Receive.AuthType);
        Assert.Equal(32, settings.VirtualAddresses[0].PrefixLength);
    }

    [Fact]
    public void MissingInterface_IsASetupErrorNamingInstanceAndInterface()
    {
        var instance = new VrrpInstanceOptions(Name: "vi", Interface: "bond7", VirtualRouterId: 7);

        var e = Assert.Throws<InstanceSetupException>(() => InstanceSettingsFactory.Create(instance, new GlobalOptions(), DaemonTestData.Links, DaemonTestData.Addresses));

        Assert.Contains("instance vi: interface bond7 does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateMaster_IsTheStartAsMasterHint()
    {
        var instance = new VrrpInstanceOptions(Name: "vi", Interface: "eth0", VirtualRouterId: 7, InitialState: VrrpInitialState.Master);

        Assert.True(InstanceSettingsFactory.Create(instance, new GlobalOptions(), DaemonTestData.Links, DaemonTestData.Addresses).StartAsMaster);
    }
}
