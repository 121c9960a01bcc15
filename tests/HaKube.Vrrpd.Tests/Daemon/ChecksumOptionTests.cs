using System.Buffers.Binary;
using System.Net;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Daemon;

/// <summary>
/// v3ChecksumWithoutPseudoHeader reaches the bytes on the wire (issue 3 point 1): receivers accept both checksum
/// forms, so only the checksum actually written shows whether the option is honoured.
/// </summary>
public sealed class ChecksumOptionTests
{
    private static readonly VrrpAddress Self = VrrpAddress.FromIPAddress(IPAddress.Parse("198.18.0.1"));
    private static readonly VrrpAddress Peer = VrrpAddress.FromIPAddress(IPAddress.Parse("198.18.0.2"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void V3IPv4_Option_ChoosesTheChecksumTheWriterUses_Rfc5798_5_2_8(bool withoutPseudoHeader)
    {
        var expected = withoutPseudoHeader ? VrrpChecksumKind.MessageOnly : VrrpChecksumKind.PseudoHeader;
        var settings = Settings(version: 3, withoutPseudoHeader, unicast: false);
        var packet = new byte[settings.Writer.Length];

        settings.Writer.Write(packet, 100, VrrpConstants.Ipv4MulticastGroup);

        Assert.Equal(expected, settings.Writer.ChecksumKind);
        Assert.Equal(expected, WrittenKind(packet, VrrpConstants.Ipv4MulticastGroup));
    }

    [Fact]
    public void V3IPv4_WithoutPseudoHeader_ResignationAdvertsToo_Rfc5798_6_4_3()
    {
        // The priority-0 adverts `vrrpd --release` sends come from the same writer.
        var entry = ResignEntry.For(Settings(version: 3, withoutPseudoHeader: true, unicast: true));

        var advert = Assert.Single(entry.Adverts);

        Assert.Equal(VrrpChecksumKind.MessageOnly, WrittenKind(advert.Packet.AsSpan(), Peer));
    }

    [Fact]
    public void V2_OptionHasNoEffect_AlwaysWithoutPseudoHeader_Rfc3768_5_3_8()
    {
        var settings = Settings(version: 2, withoutPseudoHeader: false, unicast: false);
        var packet = new byte[settings.Writer.Length];

        settings.Writer.Write(packet, 100, VrrpConstants.Ipv4MulticastGroup);

        Assert.Equal(VrrpChecksumKind.MessageOnly, WrittenKind(packet, VrrpConstants.Ipv4MulticastGroup));
    }

    /// <summary>Which of the two forms the checksum field holds (they differ for any non-zero pseudo-header).</summary>
    private static VrrpChecksumKind WrittenKind(ReadOnlySpan<byte> packet, VrrpAddress destination)
    {
        var written = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var zeroed = packet.ToArray();
        zeroed[6] = zeroed[7] = 0;
        var messageOnly = VrrpChecksum.Compute(zeroed, VrrpChecksumKind.MessageOnly, Self, destination);
        var pseudoHeader = VrrpChecksum.Compute(zeroed, VrrpChecksumKind.PseudoHeader, Self, destination);
        Assert.NotEqual(messageOnly, pseudoHeader);
        return written == messageOnly ? VrrpChecksumKind.MessageOnly
            : written == pseudoHeader ? VrrpChecksumKind.PseudoHeader
            : throw new Xunit.Sdk.XunitException($"checksum {written:x4} is neither form ({messageOnly:x4}, {pseudoHeader:x4})");
    }

    private static InstanceSettings Settings(int version, bool withoutPseudoHeader, bool unicast)
    {
        var instance = new VrrpInstanceOptions(
            Name: "vi",
            Interface: "eth0",
            VirtualRouterId: 60,
            Version: version,
            UnicastSrcIp: unicast ? Self.ToIPAddress() : null,
            UnicastPeers: unicast ? [Peer.ToIPAddress()] : [],
            VirtualAddresses: [new VirtualAddressOptions(IPAddress.Parse("198.18.0.100"), 24)],
            V3ChecksumWithoutPseudoHeader: withoutPseudoHeader);
        return InstanceSettingsFactory.Create(instance, new GlobalOptions(), DaemonTestData.Links, DaemonTestData.Addresses);
    }
}
