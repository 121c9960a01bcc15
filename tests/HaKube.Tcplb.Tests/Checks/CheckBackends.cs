using System.Net;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>Backends for check tests: loopback servers with a check of the given kind.</summary>
internal static class CheckBackends
{
    public static ServerOptions Server(string name, int port, ServerCheckOptions check, SessionCloseGrace? grace = null) => new()
    {
        Name = name,
        Address = new ServerAddress("127.0.0.1", IPAddress.Loopback, port),
        Check = check,
        SessionCloseGrace = grace ?? SessionCloseGrace.Default,
    };

    public static BackendOptions Backend(string name, params ServerOptions[] servers) => new()
    {
        Name = name,
        Servers = [.. servers],
        HttpCheck = new HttpCheckOptions { Method = "GET", Path = "/readyz", ExpectedStatuses = [new StatusRange(200, 200)] },
    };

    public static ServerCheckOptions Check(HealthCheckType type = HealthCheckType.Tcp, int inter = 2000, int? fastInter = null, int? downInter = null, int rise = 2, int fall = 3) => new()
    {
        Enabled = true,
        Type = type,
        Inter = TimeSpan.FromMilliseconds(inter),
        FastInter = fastInter is { } f ? TimeSpan.FromMilliseconds(f) : null,
        DownInter = downInter is { } d ? TimeSpan.FromMilliseconds(d) : null,
        Rise = rise,
        Fall = fall,
    };
}
