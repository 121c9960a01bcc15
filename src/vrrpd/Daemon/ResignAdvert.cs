using System.Collections.Immutable;
using System.Net;

namespace HaKube.Vrrpd.Daemon;

/// <summary>One priority-0 advert of a <see cref="ResignEntry"/>: where it goes and the VRRP message, checksum included.</summary>
/// <param name="Destination">The multicast group (224.0.0.18, ff02::12) or a unicast peer.</param>
/// <param name="Packet">The IP payload as the daemon would send it (the kernel adds the IP header).</param>
internal sealed record ResignAdvert(IPAddress Destination, ImmutableArray<byte> Packet)
{
    public bool Equals(ResignAdvert? other) =>
        other is not null && Destination.Equals(other.Destination) && Packet.AsSpan().SequenceEqual(other.Packet.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Destination, Packet.Length);
}
