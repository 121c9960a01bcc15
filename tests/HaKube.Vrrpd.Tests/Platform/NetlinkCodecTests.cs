using System.Net;
using System.Runtime.InteropServices;
using HaKube.Vrrpd.Interop;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

public sealed class NetlinkCodecTests
{
    [Fact]
    public void Writer_AlignsAttributes_AndParserReadsTheAddressBack()
    {
        var buffer = new byte[256];
        var writer = new NetlinkMessageWriter(buffer, Rtnl.RtmNewAddr, Rtnl.NlmFRequest, 7);
        writer.Write(new InterfaceAddressMessage { Family = 2, PrefixLength = 24, Index = 3 });
        writer.Attribute(Rtnl.IfaLocal, [198, 18, 0, 100]);
        writer.Attribute(Rtnl.IfaLabel, "eth0:vip");
        writer.Attribute(Rtnl.IfaProto, RtnetlinkClient.VrrpdProtocol);
        var message = writer.Finish().ToArray();

        // 16 header + 8 ifaddrmsg + 8 IFA_LOCAL + 4+9 -> 16 IFA_LABEL + 4+1 -> 8 IFA_PROTO.
        Assert.Equal(56, message.Length);
        Assert.Equal(56u, MemoryMarshal.Read<uint>(message));
        ReadOnlySpan<byte> datagram = message;
        Assert.True(NetlinkMessageReader.TryReadMessage(ref datagram, out var header, out var payload));
        Assert.Equal(7u, header.Sequence);
        Assert.True(datagram.IsEmpty);
        Assert.True(RtnetlinkParser.TryParseAddress(payload, out var address));
        Assert.Equal(new InterfaceAddress(3, IPAddress.Parse("198.18.0.100"), 24) { Label = "eth0:vip", Protocol = 112 }, address);
        Assert.True(address!.IsOurs);
    }

    [Fact]
    public void Reader_StopsAtATruncatedMessage()
    {
        var buffer = new byte[64];
        var writer = new NetlinkMessageWriter(buffer, Rtnl.RtmNewAddr, 0, 1);
        writer.Write(new InterfaceAddressMessage { Family = 2 });
        var message = writer.Finish().ToArray();
        ReadOnlySpan<byte> truncated = message.AsSpan(0, message.Length - 1);

        Assert.False(NetlinkMessageReader.TryReadMessage(ref truncated, out _, out _));
    }

    [Fact]
    public void ParseError_ReadsErrnoSequenceAndExtendedAckMessage()
    {
        // NLMSG_ERROR payload as the kernel sends it with NETLINK_CAP_ACK and NETLINK_EXT_ACK:
        // -errno, the request's header only, then NLMSGERR_ATTR_MSG.
        var payload = new byte[4 + 16 + 4 + 12];
        MemoryMarshal.Write(payload, -17);
        MemoryMarshal.Write(payload.AsSpan(4), new NetlinkMessageHeader { Length = 40, Type = Rtnl.RtmNewAddr, Sequence = 99 });
        MemoryMarshal.Write(payload.AsSpan(20), new RouteAttribute { Length = 4 + 11, Type = Rtnl.NlmsgErrAttrMsg });
        "File exists\0"u8.CopyTo(payload.AsSpan(24));

        var errno = RtnetlinkParser.ParseError(payload, Rtnl.NlmFCapped | Rtnl.NlmFAckTlvs, out var sequence, out var text);

        Assert.Equal(17, errno);
        Assert.Equal(99u, sequence);
        Assert.Equal("File exists", text);
    }

    [Fact]
    public void SourceSelector_PrefersPrimaryIPv4_AndNonTentativeLinkLocal_NeverOurVips()
    {
        InterfaceAddress[] addresses =
        [
            new(2, IPAddress.Parse("198.18.0.100"), 24) { Protocol = RtnetlinkClient.VrrpdProtocol },
            new(2, IPAddress.Parse("198.18.0.9"), 24) { Flags = Rtnl.IfaFSecondary },
            new(2, IPAddress.Parse("198.18.0.1"), 24),
            new(2, IPAddress.Parse("fe80::1"), 64) { Scope = Rtnl.ScopeLink, Flags = Rtnl.IfaFTentative },
            new(2, IPAddress.Parse("fe80::2"), 64) { Scope = Rtnl.ScopeLink },
            new(2, IPAddress.Parse("2001:2::1"), 64),
        ];

        Assert.Equal(IPAddress.Parse("198.18.0.1"), SourceAddressSelector.Select(addresses, System.Net.Sockets.AddressFamily.InterNetwork));
        Assert.Equal(IPAddress.Parse("fe80::2"), SourceAddressSelector.Select(addresses, System.Net.Sockets.AddressFamily.InterNetworkV6));
        Assert.Null(SourceAddressSelector.Select(addresses[..1], System.Net.Sockets.AddressFamily.InterNetwork));
    }

    [Fact]
    public void PacketAddress_RoundTripsAndMatchesWithoutAllocating()
    {
        var v4 = PacketAddress.FromIPAddress(IPAddress.Parse("224.0.0.18"));
        var v6 = PacketAddress.FromIPAddress(IPAddress.Parse("ff02::12"));
        Assert.Equal("224.0.0.18", v4.ToString());
        Assert.Equal("ff02::12", v6.ToString());
        Assert.NotEqual(v4, v6);
        var group = IPAddress.Parse("224.0.0.18");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matches = v4.Matches(group) && !v6.Matches(group);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(matches);
        Assert.Equal(0, allocated);
    }
}
