namespace HaKube.Vrrpd.Platform;

/// <summary>
/// One VRRP packet as a raw socket delivered it: the VRRP payload sits at the start of the caller's buffer
/// (the IPv4 header already stripped), with what the IP layer said about it.
/// </summary>
/// <param name="Length">Bytes of VRRP payload at the start of the buffer.</param>
/// <param name="Source">The IP source address.</param>
/// <param name="Destination">The IP destination (224.0.0.18, ff02::12 or a unicast address of ours).</param>
/// <param name="TimeToLive">IPv4 TTL or IPv6 hop limit as received; RFC 5798 5.1.1.3 wants 255.</param>
/// <param name="InterfaceIndex">The interface it arrived on.</param>
/// <param name="Truncated">The packet was larger than the buffer; the payload is cut.</param>
internal readonly record struct ReceivedAdvert(
    int Length,
    PacketAddress Source,
    PacketAddress Destination,
    int TimeToLive,
    int InterfaceIndex,
    bool Truncated);
