using System.Net;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Where a server listens. <see cref="Host"/> is an IP literal (then <see cref="Ip"/> is set) or a DNS name the daemon
/// resolves at start. <see cref="Port"/> null = the port the client connected to (HAProxy's meaning of a server without port).
/// </summary>
internal sealed record ServerAddress(string Host, IPAddress? Ip, int? Port)
{
    public override string ToString()
    {
        var host = Ip is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ? $"[{Host}]" : Host;
        return Port is { } p ? $"{host}:{p}" : host;
    }
}
