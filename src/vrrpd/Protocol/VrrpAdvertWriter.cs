using System.Collections.Immutable;

namespace HaKube.Vrrpd.Protocol;

/// <summary>
/// Writes one instance's adverts: everything but the priority and the destination is fixed, so the
/// adapter turns a SendAdvert(priority) action into bytes per destination without allocating.
/// </summary>
internal sealed class VrrpAdvertWriter
{
    private readonly VrrpAddress[] _addresses;
    private readonly byte[] _authenticationData;

    /// <param name="version">VRRP version.</param>
    /// <param name="virtualRouterId">VRID.</param>
    /// <param name="advertisementIntervalCentiseconds">Interval in centiseconds (whole seconds for v2).</param>
    /// <param name="source">Our primary address, the IP source.</param>
    /// <param name="virtualAddresses">The addresses to list.</param>
    /// <param name="authType">v2 authentication.</param>
    /// <param name="authenticationData">v2 password bytes (at most 8).</param>
    /// <param name="checksumKind">v3 over IPv4: with the pseudo-header (default, as Keepalived and FRR) or without.</param>
    public VrrpAdvertWriter(
        VrrpVersion version,
        byte virtualRouterId,
        int advertisementIntervalCentiseconds,
        VrrpAddress source,
        ImmutableArray<VrrpAddress> virtualAddresses,
        VrrpAuthType authType = VrrpAuthType.None,
        ImmutableArray<byte> authenticationData = default,
        VrrpChecksumKind checksumKind = VrrpChecksumKind.PseudoHeader)
    {
        Version = version;
        VirtualRouterId = virtualRouterId;
        AdvertisementIntervalCentiseconds = advertisementIntervalCentiseconds;
        Source = source;
        AuthType = authType;
        ChecksumKind = checksumKind;
        _addresses = [.. virtualAddresses];
        _authenticationData = authenticationData.IsDefault ? [] : [.. authenticationData];
        Length = VrrpCodec.EncodedLength(version, _addresses.Length, source.Length);

        // Validate once, here, rather than on the first advert.
        Write(stackalloc byte[Length], VrrpConstants.DefaultPriority, source.IsIPv6 ? VrrpConstants.Ipv6MulticastGroup : VrrpConstants.Ipv4MulticastGroup);
    }

    public VrrpVersion Version { get; }

    public byte VirtualRouterId { get; }

    public int AdvertisementIntervalCentiseconds { get; }

    public VrrpAddress Source { get; }

    public VrrpAuthType AuthType { get; }

    public VrrpChecksumKind ChecksumKind { get; }

    /// <summary>Bytes every advert of this instance takes.</summary>
    public int Length { get; }

    /// <summary>Writes the advert for <paramref name="destination"/> (multicast group or a peer); returns <see cref="Length"/>.</summary>
    public int Write(Span<byte> buffer, byte priority, VrrpAddress destination) => VrrpCodec.Encode(
        buffer,
        new VrrpAdvertisement(Version, VirtualRouterId, priority, AdvertisementIntervalCentiseconds, AuthType),
        _addresses,
        _authenticationData,
        ChecksumKind,
        Source,
        destination);
}
