using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Protocol;

public sealed class VrrpChecksumTests
{
    [Fact]
    public void Compute_MatchesRfc1071Example_Rfc1071_3()
    {
        // RFC 1071 3: the words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
        Assert.Equal(0x220D, VrrpChecksum.Compute([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]));
    }

    [Fact]
    public void Compute_OddLength_PadsWithZero_Rfc1071_4_1()
    {
        Assert.Equal(0xFEFF, VrrpChecksum.Compute([0x01]));
        Assert.Equal(VrrpChecksum.Compute([0xAB, 0xCD, 0x01, 0x00]), VrrpChecksum.Compute([0xAB, 0xCD, 0x01]));
    }

    [Fact]
    public void Compute_OverMessageWithItsChecksum_IsZero()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V2PassUnicast);
        Assert.Equal(0, VrrpChecksum.Compute(golden.Payload));
    }

    [Fact]
    public void Compute_WithPseudoHeader_DependsOnAddresses_Rfc5798_5_2_8()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V3Ipv6Multicast);
        Assert.Equal(0, VrrpChecksum.Compute(golden.Payload, golden.Source, golden.Destination));
        Assert.NotEqual(0, VrrpChecksum.Compute(golden.Payload, VrrpAddress.Parse("fe80::1"), golden.Destination));
        Assert.NotEqual(0, VrrpChecksum.Compute(golden.Payload));
    }

    [Fact]
    public void Compute_WithMixedFamilies_Throws()
    {
        Assert.Throws<ArgumentException>(() => VrrpChecksum.Compute([1, 2], VrrpAddress.Parse("198.18.0.1"), VrrpAddress.Parse("2001:2::1")));
    }
}
