using System.Collections.Immutable;
using System.Security.Cryptography;

namespace HaKube.Vrrpd.Protocol;

/// <summary>
/// The receive checks of RFC 5798 7.1 (and RFC 3768 / RFC 2338 7.1 for v2), applied in this
/// fixed order; the first that fails gives the drop reason:
/// 1 length of the header, 2 version, 3 type, 4 length of the address list,
/// 5 TTL / hop limit 255, 6 checksum, 7 VRID, 8 v2 authentication, 9 advertisement interval,
/// 10 address list (counted, accepted), 11 our own packets, 12 unicast source is a peer (option).
/// Pure: no state, no allocation; <see cref="VrrpReceiveCounters"/> records the outcome.
/// </summary>
internal static class VrrpReceiveChecks
{
    public static VrrpReceiveVerdict Check(ReadOnlySpan<byte> payload, in VrrpReceiveMetadata metadata, VrrpReceiveSettings settings, out VrrpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(settings);

        /* 1-4: length, version, type, length (RFC 5798 7.1, 5.2.2) */
        var structural = VrrpCodec.TryDecode(payload, settings.AddressFamily, out packet);
        if (structural != VrrpDropReason.None)
        {
            return new VrrpReceiveVerdict(structural);
        }

        /* RFC 5798 7.1: the version must be the one configured */
        if (packet.Version != settings.Version)
        {
            return new VrrpReceiveVerdict(VrrpDropReason.VersionMismatch);
        }

        /* 5, RFC 5798 7.1: TTL / hop limit 255 proves the sender is on-link. A multicast instance demands it of every
           packet, since its socket also takes VRRP sent to the host's own address, perhaps from off-link (routed) */
        if (metadata.TimeToLive != VrrpConstants.TimeToLive && (metadata.Destination.IsMulticast || settings.RequiresTtl255))
        {
            return new VrrpReceiveVerdict(VrrpDropReason.TtlNot255);
        }

        /* 6, RFC 5798 7.1 and 5.2.8, RFC 3768 5.3.8 */
        if (!TryMatchChecksum(packet, metadata, out var checksumKind))
        {
            return new VrrpReceiveVerdict(VrrpDropReason.BadChecksum);
        }

        /* 7, RFC 5798 7.1: not our VRID; normal on a shared segment, so counted, not an error */
        if (packet.VirtualRouterId != settings.VirtualRouterId)
        {
            return new VrrpReceiveVerdict(VrrpDropReason.OtherVirtualRouter, checksumKind);
        }

        /* 8, RFC 2338 7.1: perform the authentication the Auth Type specifies */
        if (packet.Version == VrrpVersion.V2)
        {
            var authentication = CheckAuthentication(packet, settings);
            if (authentication != VrrpDropReason.None)
            {
                return new VrrpReceiveVerdict(authentication, checksumKind);
            }
        }

        /* 9, RFC 3768 7.1: v2 intervals must match; RFC 5798 6.4.2: a v3 Backup adopts the Master's */
        var interval = packet.AdvertisementIntervalCentiseconds;
        if (packet.Version == VrrpVersion.V2 && interval != settings.AdvertisementIntervalCentiseconds)
        {
            return new VrrpReceiveVerdict(VrrpDropReason.AdvertIntervalMismatch, checksumKind);
        }

        if (interval == 0)
        {
            return new VrrpReceiveVerdict(VrrpDropReason.AdvertIntervalZero, checksumKind);
        }

        /* 10, RFC 5798 7.1: MAY verify the addresses; counted and accepted (Keepalived drops them, as RFC 3768 7.1
           says for v2: with two nodes whose lists differ, that puts the common addresses on both, where accepting
           keeps one Master and the counter and the daemon's warning name the mismatch) */
        var addressListMismatch = !AddressListMatches(packet, settings);

        /* 11: our own advert, looped back */
        if (Contains(settings.LocalAddresses, metadata.Source))
        {
            return new VrrpReceiveVerdict(VrrpDropReason.OwnPacket, checksumKind, addressListMismatch);
        }

        /* 12: optional, Keepalived's vrrp_check_unicast_src */
        if (settings.RequirePeerSource && !settings.UnicastPeers.IsEmpty && !Contains(settings.UnicastPeers, metadata.Source))
        {
            return new VrrpReceiveVerdict(VrrpDropReason.NotAPeer, checksumKind, addressListMismatch);
        }

        return new VrrpReceiveVerdict(
            VrrpDropReason.None,
            checksumKind,
            addressListMismatch,
            interval != settings.AdvertisementIntervalCentiseconds);
    }

    private static bool TryMatchChecksum(VrrpPacket packet, in VrrpReceiveMetadata metadata, out VrrpChecksumKind kind)
    {
        var message = packet.Payload;
        if (packet.Version == VrrpVersion.V2)
        {
            /* RFC 3768 5.3.8: the VRRP message only */
            kind = VrrpChecksumKind.MessageOnly;
            return VrrpChecksum.Compute(message) == 0;
        }

        if (metadata.Source.Length != packet.AddressLength || metadata.Destination.Length != packet.AddressLength)
        {
            // Metadata of another family cannot form a pseudo-header: the adapter mixed sockets up.
            kind = VrrpChecksumKind.MessageOnly;
            return false;
        }

        /* RFC 5798 5.2.8: with the pseudo-header */
        kind = VrrpChecksumKind.PseudoHeader;
        if (VrrpChecksum.Compute(message, metadata.Source, metadata.Destination) == 0)
        {
            return true;
        }

        if (packet.IsIPv6)
        {
            return false;
        }

        // RFC 5798 5.2.8 has been read both ways for IPv4 and some implementations leave the
        // pseudo-header out; older Keepalived put 224.0.0.18 in it even on unicast. Accept both, report which.
        kind = VrrpChecksumKind.MessageOnly;
        if (VrrpChecksum.Compute(message) == 0)
        {
            return true;
        }

        kind = VrrpChecksumKind.PseudoHeaderMulticastGroup;
        return !metadata.Destination.IsMulticast
            && VrrpChecksum.Compute(message, metadata.Source, VrrpConstants.Ipv4MulticastGroup) == 0;
    }

    private static VrrpDropReason CheckAuthentication(VrrpPacket packet, VrrpReceiveSettings settings)
    {
        var received = packet.AuthType;
        if (received == VrrpAuthType.IpAuthenticationHeader)
        {
            return VrrpDropReason.AuthUnsupported;
        }

        if (received != settings.AuthType)
        {
            return VrrpDropReason.AuthTypeMismatch;
        }

        if (received == VrrpAuthType.SimplePassword
            && !CryptographicOperations.FixedTimeEquals(packet.AuthenticationData, settings.AuthenticationData.AsSpan()))
        {
            return VrrpDropReason.AuthFailure;
        }

        return VrrpDropReason.None;
    }

    private static bool AddressListMatches(VrrpPacket packet, VrrpReceiveSettings settings)
    {
        if (packet.AddressCount != settings.VirtualAddresses.Length)
        {
            return false;
        }

        foreach (var address in settings.VirtualAddresses)
        {
            if (!packet.ContainsAddress(address))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(ImmutableArray<VrrpAddress> addresses, VrrpAddress address)
    {
        foreach (var candidate in addresses)
        {
            if (candidate == address)
            {
                return true;
            }
        }

        return false;
    }
}
