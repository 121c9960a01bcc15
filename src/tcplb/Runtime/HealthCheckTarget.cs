using System.Net;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// One backend as the health checks see it: what to check (options and resolved addresses), where results go, and the
/// health state they feed. The backend's <see cref="BackendRuntime"/> owns that state (checks, failed connects, reload
/// carry-over, operator state); the checks only read it back. Every member is thread-safe; results feed the backend's
/// <see cref="BackendHealth"/> under its lock, and the events they cause (up, down, healthy count) reach the daemon
/// (logs, readiness stream, closing sessions after the grace).
/// </summary>
internal sealed class HealthCheckTarget
{
    private readonly BackendRuntime _backend;

    internal HealthCheckTarget(BackendRuntime backend) => _backend = backend;

    /// <summary>The backend: <c>Servers[i].Check</c> (type, inter, rise, fall, port, TLS), <c>HttpCheck</c>, <c>Timeouts.Check</c> and <c>Timeouts.Connect</c>.</summary>
    public BackendOptions Backend => _backend.Options;

    /// <summary>Number of servers; indexes follow <c>Backend.Servers</c>.</summary>
    public int Count => _backend.Servers.Count;

    /// <summary>Server <paramref name="server"/>'s resolved address (a DNS name resolved at load, a missing port filled from the frontend); a check's own port is <c>Servers[i].Check.Port</c>.</summary>
    public IPEndPoint EndPoint(int server) => _backend.Servers[server].Server.EndPoint;

    /// <summary>Whether to check server <paramref name="server"/> now: <c>check</c> is configured and the operator has not put it in maintenance.</summary>
    public bool IsCheckEnabled(int server) => _backend.IsCheckEnabled(server);

    /// <summary>Delay before the next check of <paramref name="server"/>: inter, fastinter or downinter for its current state (HAProxy's rules).</summary>
    public TimeSpan NextCheckDelay(int server) => _backend.NextCheckDelay(server);

    /// <summary>Server <paramref name="server"/>'s health as the backend holds it now (up or down, counter, last check).</summary>
    public ServerHealthState State(int server) => _backend.HealthOf(server);

    /// <summary>A finished check of <paramref name="server"/>: passed or failed, with a short reason ("Layer7 wrong status: 500", "Layer4 connection problem: Connection refused").</summary>
    public void Report(int server, CheckOutcome outcome) => _backend.ReportCheck(server, outcome);

    /// <summary>
    /// Calls <paramref name="observer"/> with every health event of this backend, whatever its cause (a reported check,
    /// a failed connect of the data plane), on the thread that caused it and before the daemon hears of it; it must not
    /// block. Null stops. One observer at a time: the checks of the running configuration.
    /// </summary>
    public void Observe(Action<HealthEvent>? observer) => _backend.SetHealthObserver(observer);
}
