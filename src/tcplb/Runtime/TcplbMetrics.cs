using System.Diagnostics.Metrics;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// tcplb's instruments (meter "HaKube.Tcplb"), all observable: read from the running model at each scrape, so the
/// data plane pays nothing for them.
/// </summary>
internal sealed class TcplbMetrics : IDisposable
{
    public const string MeterName = "HaKube.Tcplb";

    private static readonly string[] States = ["UP", "DOWN", "DRAIN", "MAINT"];

    private readonly Meter _meter = new(MeterName);
    private readonly Func<IReadOnlyList<BackendStatus>> _backends;
    private readonly Func<IReadOnlyList<FrontendStatus>> _frontends;

    public TcplbMetrics(MetricsSources sources)
    {
        _backends = sources.Backends;
        _frontends = sources.Frontends;
        _meter.CreateObservableGauge("tcplb.connections.active", sources.ActiveConnections, "{connection}", "Client connections open");
        _meter.CreateObservableGauge("tcplb.connections.limit", sources.MaxConn, "{connection}", "Global maxconn in force (0 = none): beyond it connections wait in the listen backlogs");
        _meter.CreateObservableGauge("tcplb.frontend.connections.active", () => PerFrontend(f => f.Active), "{connection}", "Client connections open on a frontend (scur)");
        _meter.CreateObservableGauge("tcplb.frontend.connections.limit", () => PerFrontend(f => f.MaxConn), "{connection}", "A frontend's maxconn (slim; 0 = none): beyond it connections wait in the listen backlog");
        _meter.CreateObservableCounter("tcplb.log.dropped", sources.LogDropped, "{line}", "Log lines dropped because the log queue or a target's socket buffer was full");
        _meter.CreateObservableCounter("tcplb.log.send.failures", sources.LogFailed, "{line}", "Log lines lost because their target was unreachable (retried every 5 s)");
        _meter.CreateObservableGauge("tcplb.server.active", () => PerServer(s => s.Active), "{connection}", "Connections holding a server (connecting or established)");
        _meter.CreateObservableCounter("tcplb.server.connections", () => PerServer(s => s.Sessions), "{connection}", "Connections sent to a server");
        _meter.CreateObservableCounter("tcplb.server.bytes.in", () => PerServer(s => s.BytesIn), "By", "Bytes from clients to a server, counted when connections end");
        _meter.CreateObservableCounter("tcplb.server.bytes.out", () => PerServer(s => s.BytesOut), "By", "Bytes from a server to clients, counted when connections end");
        _meter.CreateObservableCounter("tcplb.server.connect.failures", () => PerServer(s => s.ConnectFailures), "{connection}", "Connects to a server that failed before it answered");
        _meter.CreateObservableCounter("tcplb.server.downtime", () => PerServer(s => s.DowntimeSeconds), "s", "Time a server spent down");
        _meter.CreateObservableGauge("tcplb.server.up", () => PerServer(s => s.Status.StartsWith("UP", StringComparison.Ordinal) || s.Status == "no check" ? 1 : 0), null, "1 when a server takes new connections");
        _meter.CreateObservableGauge("tcplb.server.state", ServerStates, null, "1 for a server's current state (UP, DOWN, DRAIN, MAINT)");
        _meter.CreateObservableGauge("tcplb.backend.queue", () => PerBackend(b => b.Queued), "{connection}", "Connections waiting for a maxconn slot");
        _meter.CreateObservableGauge("tcplb.backend.healthy", () => PerBackend(b => b.Healthy), "{server}", "Servers up and not in maintenance");
        _meter.CreateObservableCounter("tcplb.backend.refused", () => PerBackend(b => b.Refused), "{connection}", "Connections closed because no server was usable");
        _meter.CreateObservableCounter("tcplb.backend.redispatches", () => PerBackend(b => b.Redispatches), "{connection}", "Connections retried on another server after a failed connect");
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<T>> PerServer<T>(Func<ServerStatusInfo, T> value)
        where T : struct
    {
        foreach (var backend in _backends())
        {
            foreach (var server in backend.Servers)
            {
                yield return new Measurement<T>(value(server), new("backend", backend.Name), new("server", server.Name));
            }
        }
    }

    private IEnumerable<Measurement<T>> PerFrontend<T>(Func<FrontendStatus, T> value)
        where T : struct
    {
        foreach (var frontend in _frontends())
        {
            yield return new Measurement<T>(value(frontend), new KeyValuePair<string, object?>("frontend", frontend.Name));
        }
    }

    private IEnumerable<Measurement<T>> PerBackend<T>(Func<BackendStatus, T> value)
        where T : struct
    {
        foreach (var backend in _backends())
        {
            yield return new Measurement<T>(value(backend), new KeyValuePair<string, object?>("backend", backend.Name));
        }
    }

    private IEnumerable<Measurement<int>> ServerStates()
    {
        foreach (var backend in _backends())
        {
            foreach (var server in backend.Servers)
            {
                var current = server.Status switch
                {
                    "MAINT" => "MAINT",
                    "DRAIN" => "DRAIN",
                    _ when server.Status.StartsWith("DOWN", StringComparison.Ordinal) => "DOWN",
                    _ => "UP",
                };
                foreach (var state in States)
                {
                    yield return new Measurement<int>(state == current ? 1 : 0, new("backend", backend.Name), new("server", server.Name), new("state", state));
                }
            }
        }
    }
}
