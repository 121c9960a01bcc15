using HaKube.Vrrpd.Protocol;
using static HaKube.Vrrpd.Tests.Protocol.TestPackets;

namespace HaKube.Vrrpd.Tests.Protocol;

/// <summary>One test per receive check, in the documented order, plus the order itself.</summary>
public sealed class VrrpReceiveChecksTests
{
    private static VrrpReceiveVerdict Check(byte[] packet, VrrpReceiveMetadata metadata, VrrpReceiveSettings settings) =>
        VrrpReceiveChecks.Check(packet, metadata, settings, out _);

    [Fact]
    public void ValidV3Advert_IsAccepted()
    {
        var verdict = Check(V3(), Multicast(), V3Settings);
        Assert.Equal(new VrrpReceiveVerdict(VrrpDropReason.None, VrrpChecksumKind.PseudoHeader), verdict);
        Assert.True(verdict.Accepted);
    }

    [Fact]
    public void ShorterThanHeader_IsDropped_Rfc5798_7_1()
    {
        Assert.Equal(VrrpDropReason.TooShort, Check(V3()[..7], Multicast(), V3Settings).DropReason);
        Assert.Equal(VrrpDropReason.TooShort, Check([], Multicast(), V3Settings).DropReason);
    }

    [Fact]
    public void OtherVersion_IsDropped_Rfc5798_7_1()
    {
        Assert.Equal(VrrpDropReason.VersionMismatch, Check(V2(vrid: 51), Unicast(), V3Settings).DropReason);
        Assert.Equal(VrrpDropReason.VersionMismatch, Check(V3(vrid: 60), Unicast(), V2Settings).DropReason);
        var version4 = V3();
        version4[0] = 0x41;
        Assert.Equal(VrrpDropReason.VersionMismatch, Check(version4, Multicast(), V3Settings).DropReason);
    }

    [Fact]
    public void Version2OverIpv6_IsDropped_Rfc3768_5_3_1()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V3Ipv6Multicast);
        var payload = golden.Payload.ToArray();
        payload[0] = 0x21;
        Assert.Equal(VrrpDropReason.VersionMismatch, VrrpCodec.TryDecode(payload, System.Net.Sockets.AddressFamily.InterNetworkV6, out _));
    }

    [Fact]
    public void UnknownType_IsDropped_Rfc5798_5_2_2()
    {
        var packet = V3();
        packet[0] = 0x32;
        Assert.Equal(VrrpDropReason.UnknownType, Check(Resum(packet, VrrpChecksumKind.PseudoHeader, Multicast()), Multicast(), V3Settings).DropReason);
    }

    [Fact]
    public void LengthNotMatchingCount_IsDropped_Rfc5798_7_1()
    {
        var longer = V3().Append((byte)0).ToArray();
        var countTooHigh = V3();
        countTooHigh[3] = 2;
        Assert.Equal(VrrpDropReason.LengthMismatch, Check(longer, Multicast(), V3Settings).DropReason);
        Assert.Equal(VrrpDropReason.LengthMismatch, Check(countTooHigh, Multicast(), V3Settings).DropReason);
        Assert.Equal(VrrpDropReason.LengthMismatch, Check(V2()[..^1], Unicast(), V2Settings).DropReason);
    }

    [Fact]
    public void MulticastWithTtlBelow255_IsDropped_Rfc5798_7_1()
    {
        Assert.Equal(VrrpDropReason.TtlNot255, Check(V3(), Multicast(ttl: 254), V3Settings).DropReason);
    }

    [Fact]
    public void UnicastInstance_TtlBelow255_IsAcceptedUnlessRequired_Rfc5798_7_1()
    {
        // Unicast adverts may cross a router (Keepalived sends and accepts them so).
        var unicastInstance = V3Settings with { UnicastPeers = [Peer] };
        var metadata = Unicast(ttl: 63);
        var packet = V3(to: metadata);
        Assert.True(Check(packet, metadata, unicastInstance).Accepted);
        Assert.Equal(VrrpDropReason.TtlNot255, Check(packet, metadata, unicastInstance with { RequireTtl255ForUnicast = true }).DropReason);
    }

    [Fact]
    public void MulticastInstance_UnicastAddressedTtlBelow255_IsDropped_Rfc5798_7_1()
    {
        // The raw socket of a multicast instance also takes VRRP sent to the host's own address: routed to it from
        // off-link, such a packet (priority 255, the longest interval) would make the Master step down and every
        // node wait two minutes. On-link senders send TTL 255.
        var metadata = Unicast(ttl: 60);
        var packet = V3(priority: 255, interval: VrrpConstants.MaxAdvertIntervalCentiseconds, to: metadata);
        Assert.Equal(VrrpDropReason.TtlNot255, Check(packet, metadata, V3Settings).DropReason);
        Assert.True(Check(V3(priority: 255, to: Unicast()), Unicast(), V3Settings).Accepted);
    }

    [Fact]
    public void WrongChecksum_IsDropped_Rfc5798_7_1()
    {
        var packet = V3();
        packet[7] ^= 0x01;
        Assert.Equal(VrrpDropReason.BadChecksum, Check(packet, Multicast(), V3Settings).DropReason);
        Assert.Equal(VrrpDropReason.BadChecksum, Check(V3(), Multicast(source: VrrpAddress.Parse("198.18.0.4")), V3Settings).DropReason);
    }

    [Fact]
    public void V3Ipv4ChecksumWithoutPseudoHeader_IsAcceptedAndReported_Rfc5798_5_2_8()
    {
        var packet = Resum(V3(), VrrpChecksumKind.MessageOnly, Multicast());
        Assert.Equal(new VrrpReceiveVerdict(VrrpDropReason.None, VrrpChecksumKind.MessageOnly), Check(packet, Multicast(), V3Settings));
    }

    [Fact]
    public void V3UnicastChecksumOverMulticastGroup_IsAcceptedAndReported()
    {
        var metadata = Unicast();
        var packet = Resum(V3(to: metadata), VrrpChecksumKind.PseudoHeaderMulticastGroup, metadata);
        Assert.Equal(VrrpChecksumKind.PseudoHeaderMulticastGroup, Check(packet, metadata, V3Settings).ChecksumKind);
        Assert.True(Check(packet, metadata, V3Settings).Accepted);
    }

    [Fact]
    public void V2ChecksumWithPseudoHeader_IsDropped_Rfc3768_5_3_8()
    {
        var packet = Resum(V2(), VrrpChecksumKind.PseudoHeader, Unicast());
        Assert.Equal(VrrpDropReason.BadChecksum, Check(packet, Unicast(), V2Settings).DropReason);
    }

    [Fact]
    public void OtherVrid_IsCountedNotAnError_Rfc5798_7_1()
    {
        var counters = new VrrpReceiveCounters();
        var verdict = Check(V3(vrid: 52), Multicast(), V3Settings);
        counters.Record(verdict);

        Assert.Equal(VrrpDropReason.OtherVirtualRouter, verdict.DropReason);
        Assert.Equal(1, counters[VrrpDropReason.OtherVirtualRouter]);
        Assert.Equal(0, counters.Errors);
    }

    [Fact]
    public void V2AuthTypeMismatch_IsDropped_Rfc2338_7_1()
    {
        Assert.Equal(VrrpDropReason.AuthTypeMismatch, Check(V2(auth: VrrpAuthType.None, password: ""), Unicast(), V2Settings).DropReason);
        var noAuth = V2Settings with { AuthType = VrrpAuthType.None };
        Assert.Equal(VrrpDropReason.AuthTypeMismatch, Check(V2(), Unicast(), noAuth).DropReason);
        Assert.True(Check(V2(auth: VrrpAuthType.None, password: ""), Unicast(), noAuth).Accepted);
    }

    [Fact]
    public void V2AuthenticationHeaderType_IsRejectedAsUnsupported_Rfc2338_5_3_6()
    {
        var packet = V2(auth: VrrpAuthType.None, password: "");
        packet[4] = (byte)VrrpAuthType.IpAuthenticationHeader;
        Assert.Equal(VrrpDropReason.AuthUnsupported, Check(Resum(packet, VrrpChecksumKind.MessageOnly, Unicast()), Unicast(), V2Settings).DropReason);
    }

    [Fact]
    public void V2WrongPassword_IsDropped_Rfc2338_7_1()
    {
        Assert.Equal(VrrpDropReason.AuthFailure, Check(V2(password: "1112"), Unicast(), V2Settings).DropReason);
        Assert.Equal(VrrpDropReason.AuthFailure, Check(V2(password: "11111"), Unicast(), V2Settings).DropReason);
    }

    [Fact]
    public void V2PasswordLongerThan8_IsCutAsKeepalivedDoes()
    {
        Assert.Equal(VrrpReceiveSettings.PadPassword("12345678"), VrrpReceiveSettings.PadPassword("123456789"), EqualityComparer<byte>.Default);
    }

    [Fact]
    public void V2IntervalMismatch_IsDropped_Rfc3768_7_1()
    {
        Assert.Equal(VrrpDropReason.AdvertIntervalMismatch, Check(V2(interval: 200), Unicast(), V2Settings).DropReason);
    }

    [Fact]
    public void V3IntervalMismatch_IsAcceptedForAdoption_Rfc5798_6_4_2()
    {
        var verdict = Check(V3(interval: 50), Multicast(), V3Settings);
        Assert.True(verdict.Accepted);
        Assert.True(verdict.AdvertIntervalDiffers);
    }

    [Fact]
    public void V3IntervalZero_IsDropped_Rfc5798_5_2_7()
    {
        Assert.Equal(VrrpDropReason.AdvertIntervalZero, Check(V3(interval: 0), Multicast(), V3Settings).DropReason);
    }

    [Fact]
    public void AddressListMismatch_IsCountedAndAccepted_Rfc5798_7_1()
    {
        var counters = new VrrpReceiveCounters();
        var other = Check(V3(addresses: [VrrpAddress.Parse("198.18.0.99")]), Multicast(), V3Settings);
        var extra = Check(V3(addresses: [Vip, VrrpAddress.Parse("198.18.0.99")]), Multicast(), V3Settings);
        var none = Check(V3(addresses: []), Multicast(), V3Settings);
        counters.Record(other);
        counters.Record(extra);
        counters.Record(none);

        Assert.All([other, extra, none], v => Assert.True(v.Accepted && v.AddressListMismatch));
        Assert.Equal(3, counters.AddressListMismatches);
        Assert.Equal(3, counters.Accepted);
    }

    [Fact]
    public void OwnPacket_IsIgnored()
    {
        var metadata = Multicast(source: Self);
        Assert.Equal(VrrpDropReason.OwnPacket, Check(V3(to: metadata), metadata, V3Settings).DropReason);
    }

    [Fact]
    public void SourceNotAPeer_IsDroppedOnlyWhenRequired()
    {
        var stranger = Unicast(source: VrrpAddress.Parse("198.18.0.7"));
        var packet = V2();
        Resum(packet, VrrpChecksumKind.MessageOnly, stranger);
        Assert.True(Check(packet, stranger, V2Settings).Accepted);
        Assert.Equal(VrrpDropReason.NotAPeer, Check(packet, stranger, V2Settings with { RequirePeerSource = true }).DropReason);
        Assert.True(Check(packet, Unicast(), V2Settings with { RequirePeerSource = true }).Accepted);
    }

    [Fact]
    public void Checks_RunInDocumentedOrder_FirstFailureWins()
    {
        // Wrong VRID, wrong checksum and TTL 254 at once: TTL is checked first.
        var packet = V3(vrid: 52);
        packet[7] ^= 0xFF;
        Assert.Equal(VrrpDropReason.TtlNot255, Check(packet, Multicast(ttl: 254), V3Settings).DropReason);
        Assert.Equal(VrrpDropReason.BadChecksum, Check(packet, Multicast(), V3Settings).DropReason);
        // Wrong password and wrong interval: authentication comes before the interval.
        Assert.Equal(VrrpDropReason.AuthFailure, Check(V2(interval: 300, password: "x"), Unicast(), V2Settings).DropReason);
        // Own packet from a non-peer with option on: own packet first.
        var own = Unicast(source: Self);
        Assert.Equal(VrrpDropReason.OwnPacket, Check(V3(vrid: 51, to: own), own, V3Settings with { UnicastPeers = [Peer], RequirePeerSource = true }).DropReason);
        // The enum lists the checks in the same order.
        Assert.True(VrrpDropReason.TooShort < VrrpDropReason.VersionMismatch && VrrpDropReason.TtlNot255 < VrrpDropReason.BadChecksum
            && VrrpDropReason.BadChecksum < VrrpDropReason.OtherVirtualRouter && VrrpDropReason.AuthFailure < VrrpDropReason.AdvertIntervalMismatch
            && VrrpDropReason.AdvertIntervalZero < VrrpDropReason.OwnPacket && VrrpDropReason.OwnPacket < VrrpDropReason.NotAPeer);
    }

    [Fact]
    public void Counters_CountEachReasonAndTheChecksumKind()
    {
        var counters = new VrrpReceiveCounters();
        counters.Record(Check(V3(), Multicast(), V3Settings));
        counters.Record(Check(Resum(V3(), VrrpChecksumKind.MessageOnly, Multicast()), Multicast(), V3Settings));
        counters.Record(Check(V3(), Multicast(ttl: 1), V3Settings));
        counters.Record(Check(V3(interval: 50), Multicast(), V3Settings));

        Assert.Equal(3, counters.Accepted);
        Assert.Equal(1, counters[VrrpDropReason.TtlNot255]);
        Assert.Equal(2, counters.AcceptedWithChecksum(VrrpChecksumKind.PseudoHeader));
        Assert.Equal(1, counters.AcceptedWithChecksum(VrrpChecksumKind.MessageOnly));
        Assert.Equal(1, counters.AdvertIntervalDiffered);
        Assert.Equal(1, counters.Errors);
    }
}
