using System.Net;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// One listening address of a frontend. <see cref="Address"/> null is "*" or an empty host: the IPv4 and IPv6 any
/// addresses, dual-stack (HAProxy's "*" is IPv4 only; tcplb listens on both, as the issue asks).
/// </summary>
internal sealed record BindOptions
{
    /// <summary>The address to listen on; null = any, IPv4 and IPv6.</summary>
    public IPAddress? Address { get; init; }

    public required int Port { get; init; }

    /// <summary>Bind even when the address is not (yet) on this host: IP_FREEBIND (HAProxy's <c>transparent</c>, or <c>freebind</c>).</summary>
    public bool FreeBind { get; init; }

    /// <summary>An IPv6 address accepts IPv6 only (IPV6_V6ONLY; HAProxy's <c>v6only</c>).</summary>
    public bool V6Only { get; init; }

    /// <summary>Most connections accepted on this bind; null = the frontend's limit.</summary>
    public int? MaxConn { get; init; }

    /// <summary>The address as written ("*:6443").</summary>
    public required string Text { get; init; }

    public override string ToString() => Text;
}
