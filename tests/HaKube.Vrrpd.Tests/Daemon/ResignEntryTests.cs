using System.Net;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Daemon;

/// <summary>
/// The priority-0 adverts an instance records for `vrrpd --release` (RFC 5798 6.4.3): encoded by its own writer for
/// each of its destinations, and accepted by a peer's receive checks as a resignation.
/// </summary>
public sealed class ResignEntryTests
{
    private static readonly IPAddress Self = IPAddress.Parse("198.18.0.1");
    private static readonly IPAddress Peer = IPAddress.Parse("198.18.0.2");
    private static readonly IPAddress Peer2 = IPAddress.Parse("198.18.0.3");
    private static readonly IPAddress Self6 = IPAddress.Parse("fe80::1");
    private static readonly IPAddress Peer6 = IPAddress.Parse("fe80::2");

    public static TheoryData<string> Dialects => new("v2-pass-unicast", "v3-multicast", "v3-unicast-two-peers", "v3-no-pseudo-header", "v3-ipv6-multicast");

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Entry_PacketsAreAcceptedByThePeerAsPriorityZero_Rfc5798_6_4_3(string dialect)
    {
        var sender = Settings(dialect, self: true);

        var entry = ResignEntry.For(sender);

        Assert.Equal(("vi", 2, "eth0", sender.SourceAddress), (entry.Instance, entry.InterfaceIndex, entry.InterfaceName, entry.Source));
        Assert.Empty(entry.Check());
        var expected = sender.Peers.IsEmpty
            ? [sender.SourceAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? VrrpSocket.MulticastGroupIPv4 : VrrpSocket.MulticastGroupIPv6]
            : sender.Peers.Select(p => p.ToIPAddress()).ToArray();
        Assert.Equal(expected, entry.Adverts.Select(a => a.Destination));
        var receiver = Settings(dialect, self: false);
        foreach (var advert in entry.Adverts)
        {
            var metadata = new VrrpReceiveMetadata(VrrpAddress.FromIPAddress(sender.SourceAddress), VrrpAddress.FromIPAddress(advert.Destination), VrrpConstants.TimeToLive);
            var verdict = VrrpReceiveChecks.Check(advert.Packet.AsSpan(), metadata, receiver.Receive, out var packet);
            Assert.True(verdict.Accepted, $"{dialect} to {advert.Destination}: {verdict.DropReason}");
            Assert.Equal(VrrpConstants.PriorityStop, packet.Priority);
            Assert.Equal(60, packet.VirtualRouterId);
        }
    }

    [Fact]
    public void V2Entry_CarriesThePassword_Rfc2338_5_3_6_2()
    {
        var entry = ResignEntry.For(Settings("v2-pass-unicast", self: true));

        var packet = Assert.Single(entry.Adverts).Packet;

        Assert.Equal("1111\0\0\0\0"u8.ToArray(), packet[^8..]);
    }

    [Fact]
    public void Check_PacketWithAnotherPriority_IsReported()
    {
        var sender = Settings("v3-multicast", self: true);
        var buffer = new byte[sender.Writer.Length];
        sender.Writer.Write(buffer, 7, VrrpConstants.Ipv4MulticastGroup);
        var entry = ResignEntry.For(sender);

        var problems = (entry with { Adverts = [entry.Adverts[0] with { Packet = [.. buffer] }] }).Check();

        Assert.Equal(["instance vi, advert to 224.0.0.18: priority 7, not 0"], problems);
    }

    [Fact]
    public void Check_V3PacketForAnotherDestination_HasTheWrongChecksum_Rfc5798_5_2_8()
    {
        var entry = ResignEntry.For(Settings("v3-unicast-two-peers", self: true));

        var swapped = entry with { Adverts = [entry.Adverts[0] with { Destination = Peer2 }] };

        Assert.Equal(["instance vi, advert to 198.18.0.3: checksum wrong for source 198.18.0.1"], swapped.Check());
    }

    [Fact]
    public void Check_TruncatedPacket_IsNotAnAdvertisement()
    {
        var entry = ResignEntry.For(Settings("v3-multicast", self: true));

        var cut = entry with { Adverts = [entry.Adverts[0] with { Packet = entry.Adverts[0].Packet[..6] }] };

        Assert.Equal(["instance vi, advert to 224.0.0.18: not a VRRP advertisement (TooShort)"], cut.Check());
    }

    private static InstanceSettings Settings(string dialect, bool self)
    {
        var v6 = dialect.Contains("ipv6", StringComparison.Ordinal);
        var (me, them) = v6 ? (self ? (Self6, Peer6) : (Peer6, Self6)) : (self ? (Self, Peer) : (Peer, Self));
        IReadOnlyList<IPAddress> peers = dialect switch
        {
            "v2-pass-unicast" => [them],
            "v3-unicast-two-peers" => self ? [Peer, Peer2] : [Self, Peer2],
            _ => [],
        };
        var instance = new VrrpInstanceOptions(
            Name: "vi",
            Interface: "eth0",
            VirtualRouterId: 60,
            Version: dialect.StartsWith("v2", StringComparison.Ordinal) ? 2 : 3,
            AuthenticationPassword: dialect.StartsWith("v2", StringComparison.Ordinal) ? "1111" : null,
            UnicastSrcIp: me,
            UnicastPeers: peers,
            VirtualAddresses: [new VirtualAddressOptions(IPAddress.Parse(v6 ? "2001:2::100" : "198.18.0.100"), v6 ? 64 : 24)],
            V3ChecksumWithoutPseudoHeader: dialect == "v3-no-pseudo-header");
        IReadOnlyList<InterfaceAddress> addresses = [new(1, IPAddress.Loopback, 8) { Scope = 254 }, new(2, me, v6 ? 64 : 24)];
        return InstanceSettingsFactory.Create(instance, new GlobalOptions(), DaemonTestData.Links, addresses);
    }
}
