using System.Net.Sockets;
using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Protocol;

public sealed class VrrpCodecTests
{
    private static readonly VrrpAddress Source = VrrpAddress.Parse("198.18.0.2");
    private static readonly VrrpAddress[] Vips = [VrrpAddress.Parse("198.18.0.10")];

    [Fact]
    public void Encode_V3_WritesMaxAdverIntIn12BitsWithZeroRsvd_Rfc5798_5_2_7()
    {
        var buffer = new byte[16];
        VrrpCodec.Encode(buffer, new VrrpAdvertisement(VrrpVersion.V3, 1, 100, 4095), Vips, [], VrrpChecksumKind.PseudoHeader, Source, VrrpConstants.Ipv4MulticastGroup);
        Assert.Equal(0x0F, buffer[4]);
        Assert.Equal(0xFF, buffer[5]);
    }

    [Fact]
    public void Encode_V2_WritesIntervalInSecondsAndPaddedPassword_Rfc3768_5_3_7()
    {
        var buffer = new byte[20];
        var length = VrrpCodec.Encode(buffer, new VrrpAdvertisement(VrrpVersion.V2, 1, 100, 300, VrrpAuthType.SimplePassword), Vips, "ab"u8, VrrpChecksumKind.MessageOnly, Source, Source);
        Assert.Equal(20, length);
        Assert.Equal(3, buffer[5]);
        Assert.Equal("ab\0\0\0\0\0\0"u8.ToArray(), buffer[12..20]);
        Assert.Equal(0, VrrpChecksum.Compute(buffer));
    }

    [Fact]
    public void Encode_V2WithoutAuth_SendsZeroAuthenticationData_Rfc3768_5_3_10()
    {
        var buffer = Enumerable.Repeat((byte)0xEE, 20).ToArray();
        VrrpCodec.Encode(buffer, new VrrpAdvertisement(VrrpVersion.V2, 1, 100, 100), Vips, "ignored"u8, VrrpChecksumKind.MessageOnly, Source, Source);
        Assert.All(buffer[12..20], b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(3, 4096, 0)]
    [InlineData(3, -1, 0)]
    [InlineData(3, 100, 1)]
    [InlineData(2, 150, 0)]
    [InlineData(2, 25600, 0)]
    [InlineData(2, 100, 2)]
    [InlineData(4, 100, 0)]
    public void Encode_InvalidFields_Throw(int version, int interval, int auth)
    {
        var advert = new VrrpAdvertisement((VrrpVersion)version, 1, 100, interval, (VrrpAuthType)auth);
        Assert.Throws<ArgumentException>(() => VrrpCodec.Encode(new byte[64], advert, Vips, [], VrrpChecksumKind.PseudoHeader, Source, VrrpConstants.Ipv4MulticastGroup));
    }

    [Fact]
    public void Encode_MixedFamiliesOrV2OverIpv6OrSmallBuffer_Throw()
    {
        var v6 = VrrpAddress.Parse("fe80::1");
        Assert.Throws<ArgumentException>(() => VrrpCodec.Encode(new byte[64], new VrrpAdvertisement(VrrpVersion.V3, 1, 100, 100), [v6], [], VrrpChecksumKind.PseudoHeader, Source, VrrpConstants.Ipv4MulticastGroup));
        Assert.Throws<ArgumentException>(() => VrrpCodec.Encode(new byte[64], new VrrpAdvertisement(VrrpVersion.V2, 1, 100, 100), [v6], [], VrrpChecksumKind.MessageOnly, v6, VrrpConstants.Ipv6MulticastGroup));
        Assert.Throws<ArgumentException>(() => VrrpCodec.Encode(new byte[11], new VrrpAdvertisement(VrrpVersion.V3, 1, 100, 100), Vips, [], VrrpChecksumKind.PseudoHeader, Source, VrrpConstants.Ipv4MulticastGroup));
    }

    [Fact]
    public void Encode_V3Ipv6_AlwaysUsesPseudoHeader_Rfc5798_5_2_8()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V3Ipv6Multicast);
        var buffer = new byte[64];
        var length = VrrpCodec.Encode(buffer, new VrrpAdvertisement(VrrpVersion.V3, 52, 200, 50), [VrrpAddress.Parse("2001:2::10")], [], VrrpChecksumKind.MessageOnly, golden.Source, golden.Destination);
        Assert.Equal(golden.Payload, buffer[..length]);
    }

    [Fact]
    public void Decode_Ipv6AdvertOnIpv4Socket_IsALengthMismatch()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V3Ipv6Multicast);
        Assert.Equal(VrrpDropReason.LengthMismatch, VrrpCodec.TryDecode(golden.Payload, AddressFamily.InterNetwork, out _));
    }

    [Fact]
    public void DecodeEncodeAndCheck_DoNotAllocate()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V3Ipv4Multicast);
        var settings = VrrpGoldenPacketTests.SettingsFor(golden);
        var metadata = golden.Metadata;
        var buffer = new byte[64];
        VrrpAddress[] addresses = [VrrpAddress.Parse("198.18.0.11"), VrrpAddress.Parse("198.18.0.12")];
        var advert = new VrrpAdvertisement(VrrpVersion.V3, 51, 150, 100);

        long Run()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                VrrpCodec.TryDecode(golden.Payload, AddressFamily.InterNetwork, out var packet);
                _ = packet.GetAddress(1);
                VrrpReceiveChecks.Check(golden.Payload, metadata, settings, out _);
                VrrpCodec.Encode(buffer, advert, addresses, [], VrrpChecksumKind.PseudoHeader, golden.Source, golden.Destination);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Run();
        Assert.Equal(0, Run());
    }
}
