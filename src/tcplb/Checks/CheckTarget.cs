using System.Net;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// What one server's probe connects to and how: address (an IP, or a name resolved at each probe), the check port
/// (HAProxy <c>port</c>, else the server's; null = nothing to check), check settings, the HTTP request and the bounds.
/// </summary>
internal sealed record CheckTarget(
    int BackendIndex,
    int ServerIndex,
    string Backend,
    string Server,
    string Host,
    IPAddress? Ip,
    int? Port,
    ServerCheckOptions Check,
    HttpCheckOptions? Http,
    CheckTimeouts Timeouts)
{
    public static CheckTarget For(int backendIndex, BackendOptions backend, int serverIndex)
    {
        var server = backend.Servers[serverIndex];
        return new CheckTarget(backendIndex, serverIndex, backend.Name, server.Name, server.Address.Host, server.Address.Ip,
            server.Check.Port ?? server.Address.Port, server.Check, backend.HttpCheck, CheckTimeouts.For(backend.Timeouts, server.Check));
    }

    /// <summary>"host:port" with IPv6 literals in brackets, as an HTTP Host header and logs want it.</summary>
    public string Authority => Ip is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
