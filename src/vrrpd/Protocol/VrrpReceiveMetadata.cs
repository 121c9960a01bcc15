namespace HaKube.Vrrpd.Protocol;

/// <summary>What the socket tells about a received packet besides its payload.</summary>
/// <param name="Source">IP source address.</param>
/// <param name="Destination">IP destination address (multicast group or our unicast address).</param>
/// <param name="TimeToLive">IPv4 TTL or IPv6 hop limit.</param>
internal readonly record struct VrrpReceiveMetadata(VrrpAddress Source, VrrpAddress Destination, byte TimeToLive);
