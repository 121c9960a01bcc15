using System.Net;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Helpers for bind addresses.</summary>
internal static class ListenAddresses
{
    /// <summary>"*:port": the IPv4 and the IPv6 wildcard (the IPv6 socket is IPV6_V6ONLY, so both bind).</summary>
    public static IReadOnlyList<IPEndPoint> AnyBoth(int port) => [new(IPAddress.Any, port), new(IPAddress.IPv6Any, port)];
}
