using System.Net.Sockets;
using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Protocol;

/// <summary>Adverts captured from Keepalived 2.2.7 decode to the configured fields and re-encode byte for byte.</summary>
public sealed class VrrpGoldenPacketTests
{
    public static TheoryData<string> Names => new(GoldenPacket.All);

    [Fact]
    public void V2PassUnicast_Decodes_Rfc3768_5_3()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V2PassUnicast);
        Assert.Equal(VrrpDropReason.None, VrrpCodec.TryDecode(golden.Payload, AddressFamily.InterNetwork, out var packet));
        Assert.Equal(VrrpVersion.V2, packet.Version);
        Assert.Equal(VrrpConstants.TypeAdvertisement, packet.Type);
        Assert.Equal(60, packet.VirtualRouterId);
        Assert.Equal(100, packet.Priority);
        Assert.Equal(1, packet.AddressCount);
        Assert.Equal(VrrpAuthType.SimplePassword, packet.AuthType);
        Assert.Equal(1, packet.AdvertisementIntervalField);
        Assert.Equal(100, packet.AdvertisementIntervalCentiseconds);
        Assert.Equal(0x5142, packet.Checksum);
        Assert.Equal(VrrpAddress.Parse("198.18.0.10"), packet.GetAddress(0));
        Assert.Equal("1111\0\0\0\0"u8.ToArray(), packet.AuthenticationData.ToArray());
        Assert.Equal(VrrpAddress.Parse("198.18.0.3"), golden.Destination);
        Assert.Equal(255, golden.TimeToLive);
    }

    [Fact]
    public void V3Ipv4Multicast_Decodes_Rfc5798_5_2()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V3Ipv4Multicast);
        Assert.Equal(VrrpDropReason.None, VrrpCodec.TryDecode(golden.Payload, AddressFamily.InterNetwork, out var packet));
        Assert.Equal(VrrpVersion.V3, packet.Version);
        Assert.Equal(51, packet.VirtualRouterId);
        Assert.Equal(150, packet.Priority);
        Assert.Equal(2, packet.AddressCount);
        Assert.Equal(VrrpAuthType.None, packet.AuthType);
        Assert.Equal(100, packet.AdvertisementIntervalCentiseconds);
        Assert.Equal(VrrpAddress.Parse("198.18.0.11"), packet.GetAddress(0));
        Assert.Equal(VrrpAddress.Parse("198.18.0.12"), packet.GetAddress(1));
        Assert.True(packet.AuthenticationData.IsEmpty);
        Assert.Equal(VrrpConstants.Ipv4MulticastGroup, golden.Destination);
    }

    [Fact]
    public void V3Ipv6Multicast_Decodes_Rfc5798_5_2()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V3Ipv6Multicast);
        Assert.Equal(VrrpDropReason.None, VrrpCodec.TryDecode(golden.Payload, AddressFamily.InterNetworkV6, out var packet));
        Assert.True(packet.IsIPv6);
        Assert.Equal(VrrpVersion.V3, packet.Version);
        Assert.Equal(52, packet.VirtualRouterId);
        Assert.Equal(200, packet.Priority);
        Assert.Equal(50, packet.AdvertisementIntervalCentiseconds);
        Assert.Equal(VrrpAddress.Parse("2001:2::10"), packet.GetAddress(0));
        Assert.Equal(VrrpAddress.Parse("fe80::ff:fe00:a"), golden.Source);
        Assert.Equal(VrrpConstants.Ipv6MulticastGroup, golden.Destination);
    }

    [Theory]
    [InlineData(GoldenPacket.V2PassUnicastShutdown)]
    [InlineData(GoldenPacket.V3Ipv4MulticastShutdown)]
    [InlineData(GoldenPacket.V3Ipv6MulticastShutdown)]
    public void ShutdownAdvert_CarriesPriorityZero_Rfc5798_6_4_3(string name)
    {
        var golden = GoldenPacket.Load(name);
        Assert.Equal(VrrpDropReason.None, VrrpCodec.TryDecode(golden.Payload, golden.Source.AddressFamily, out var packet));
        Assert.Equal(VrrpConstants.PriorityStop, packet.Priority);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Checksum_OfKeepalivedAdvert_VerifiesAsKeepalivedSendsIt_Rfc5798_5_2_8(string name)
    {
        var golden = GoldenPacket.Load(name);
        var verdict = VrrpReceiveChecks.Check(golden.Payload, golden.Metadata, SettingsFor(golden), out _);

        Assert.Equal(VrrpDropReason.None, verdict.DropReason);
        var expected = name.Contains("-v2-", StringComparison.Ordinal) ? VrrpChecksumKind.MessageOnly : VrrpChecksumKind.PseudoHeader;
        Assert.Equal(expected, verdict.ChecksumKind);
        Assert.False(verdict.AddressListMismatch);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_OfDecodedFields_GivesKeepalivedsBytes(string name)
    {
        var golden = GoldenPacket.Load(name);
        VrrpCodec.TryDecode(golden.Payload, golden.Source.AddressFamily, out var packet);
        var addresses = new VrrpAddress[packet.AddressCount];
        for (var i = 0; i < addresses.Length; i++)
        {
            addresses[i] = packet.GetAddress(i);
        }

        var advert = new VrrpAdvertisement(packet.Version, packet.VirtualRouterId, packet.Priority, packet.AdvertisementIntervalCentiseconds, packet.AuthType);
        var password = packet.Version == VrrpVersion.V2 ? "1111"u8.ToArray() : [];
        var buffer = new byte[64];

        var written = VrrpCodec.Encode(buffer, advert, addresses, password, VrrpChecksumKind.PseudoHeader, golden.Source, golden.Destination);

        Assert.Equal(Convert.ToHexString(golden.Payload), Convert.ToHexString(buffer, 0, written));
    }

    [Fact]
    public void Encode_V3Ipv4WithoutPseudoHeader_IsAcceptedAndReportedAsSuch()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V3Ipv4Multicast);
        var buffer = new byte[64];
        var advert = new VrrpAdvertisement(VrrpVersion.V3, 51, 150, 100);
        VrrpAddress[] addresses = [VrrpAddress.Parse("198.18.0.11"), VrrpAddress.Parse("198.18.0.12")];

        var written = VrrpCodec.Encode(buffer, advert, addresses, [], VrrpChecksumKind.MessageOnly, golden.Source, golden.Destination);
        var verdict = VrrpReceiveChecks.Check(buffer.AsSpan(0, written), golden.Metadata, SettingsFor(golden), out _);

        Assert.NotEqual(Convert.ToHexString(golden.Payload), Convert.ToHexString(buffer, 0, written));
        Assert.Equal(VrrpDropReason.None, verdict.DropReason);
        Assert.Equal(VrrpChecksumKind.MessageOnly, verdict.ChecksumKind);
    }

    /// <summary>The receiving side's settings for the capture's keepalived.conf (TestData/Vrrp/keepalived.conf.txt).</summary>
    internal static VrrpReceiveSettings SettingsFor(GoldenPacket golden)
    {
        VrrpCodec.TryDecode(golden.Payload, golden.Source.AddressFamily, out var packet);
        var addresses = new VrrpAddress[packet.AddressCount];
        for (var i = 0; i < addresses.Length; i++)
        {
            addresses[i] = packet.GetAddress(i);
        }

        var v2 = packet.Version == VrrpVersion.V2;
        return new VrrpReceiveSettings
        {
            Version = packet.Version,
            AddressFamily = golden.Source.AddressFamily,
            VirtualRouterId = packet.VirtualRouterId,
            AdvertisementIntervalCentiseconds = packet.AdvertisementIntervalCentiseconds,
            AuthType = v2 ? VrrpAuthType.SimplePassword : VrrpAuthType.None,
            AuthenticationData = VrrpReceiveSettings.PadPassword(v2 ? "1111" : ""),
            VirtualAddresses = [.. addresses],
            LocalAddresses = v2 ? [VrrpAddress.Parse("198.18.0.3")] : [VrrpAddress.Parse("198.18.0.3"), VrrpAddress.Parse("fe80::ff:fe00:b")],
            UnicastPeers = v2 ? [golden.Source] : [],
        };
    }
}
