using System.Net;
using System.Net.Sockets;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// Turns options into a <see cref="RuntimeModel"/>. With the running model as <c>previous</c>, a server whose backend,
/// name and address are unchanged keeps its id, counters and operator state, and its health when its check settings
/// are unchanged too; so a reload neither loses a server's state nor sends traffic to a server known to be down.
/// </summary>
internal sealed class RuntimeBuilder
{
    private readonly TimeProvider _time;
    private readonly IRuntimeEvents _events;
    private readonly Func<string, IPAddress[]> _resolve;
    private int _nextServerId;

    public RuntimeBuilder(TimeProvider time, IRuntimeEvents events, Func<string, IPAddress[]>? resolve = null)
    {
        _time = time;
        _events = events;
        _resolve = resolve ?? Dns.GetHostAddresses;
    }

    /// <summary>
    /// The process-wide maxconn in force (global maxconn, or the one derived from the open-files limit), read at start:
    /// the limit of every frontend without a maxconn of its own, as in HAProxy; 0 = none.
    /// </summary>
    public int ProcessMaxConn { get; set; }

    /// <summary>Builds the model; <paramref name="log"/> gives each frontend's connection-log sink (null = none).</summary>
    public RuntimeModel Build(TcplbOptions options, RuntimeModel? previous, Func<Configuration.FrontendOptions, Action<ConnectionLogEntry>?> log)
    {
        // Resolve everything first: a failure must leave the running model untouched.
        var endPoints = options.Backends
            .Select(b => b.Servers.Select(s => Resolve(b, s, DefaultPort(options, b.Name))).ToArray())
            .ToArray();
        var backends = new List<BackendRuntime>();
        for (var b = 0; b < options.Backends.Length; b++)
        {
            var backend = options.Backends[b];
            var old = previous?.Backend(backend.Name);
            var servers = new List<ServerRuntime>();
            var restored = new List<ServerHealthState?>();
            for (var s = 0; s < backend.Servers.Length; s++)
            {
                var server = backend.Servers[s];
                var endPoint = endPoints[b][s];
                var carried = old?.Servers.FirstOrDefault(s => s.Name == server.Name && s.Server.EndPoint.Equals(endPoint));
                if (carried is not null && !servers.Contains(carried))
                {
                    servers.Add(carried);
                    restored.Add(carried.Options.Check == server.Check ? old!.HealthOf(carried.Index) : null);
                }
                else
                {
                    servers.Add(new ServerRuntime(new BackendServer(Interlocked.Increment(ref _nextServerId), backend.Name, server.Name, endPoint), server));
                    restored.Add(null);
                }
            }

            backends.Add(new BackendRuntime(backend, servers, _time, _events, restored));
        }

        var model = new List<DataPlane.FrontendOptions>();
        foreach (var frontend in options.Frontends)
        {
            var backend = frontend.DefaultBackend is { } name ? backends.Find(b => b.Name == name) : null;
            var timeouts = backend?.Options.Timeouts ?? new BackendTimeouts();
            model.Add(new DataPlane.FrontendOptions
            {
                Name = frontend.Name,
                BackendName = frontend.DefaultBackend ?? "<NOSRV>",
                Bind = [.. frontend.Binds.SelectMany(Endpoints)],
                Scheduler = (IBackendScheduler?)backend ?? NoServerScheduler.Instance,
                MaxConn = frontend.MaxConn ?? ProcessMaxConn,
                BindLimits = [.. frontend.Binds.Where(b => b.MaxConn is not null).Select(b => new BindLimit(b.MaxConn!.Value, [.. Endpoints(b)]))],
                FreeBind = frontend.Binds.Any(b => b.FreeBind),
                Retry = backend?.Options.Retry ?? new RetryOptions { Retries = 0 },
                Timeouts = new ProxyTimeouts
                {
                    Connect = Finite(timeouts.Connect),
                    Client = Finite(frontend.Timeouts.Client),
                    Server = Finite(timeouts.Server),
                    Tunnel = timeouts.Tunnel is { } t ? Finite(t) : null,
                    ClientFin = frontend.Timeouts.ClientFin is { } cf ? Finite(cf) : null,
                    ServerFin = timeouts.ServerFin is { } sf ? Finite(sf) : null,
                },
                Log = log(frontend),
            });
        }

        return new RuntimeModel(options, backends, model);
    }

    private static TimeSpan? Finite(TimeSpan value) => value == Timeout.InfiniteTimeSpan || value <= TimeSpan.Zero ? null : value;

    private static IEnumerable<IPEndPoint> Endpoints(BindOptions bind)
        => bind.Address is { } address ? [new IPEndPoint(address, bind.Port)] : ListenAddresses.AnyBoth(bind.Port);

    /// <summary>A server without a port gets the port clients connect to: the first bind of a frontend using the backend.</summary>
    private static int DefaultPort(TcplbOptions options, string backend)
    {
        foreach (var frontend in options.Frontends)
        {
            if (string.Equals(frontend.DefaultBackend, backend, StringComparison.Ordinal) && !frontend.Binds.IsEmpty)
            {
                return frontend.Binds[0].Port;
            }
        }

        return OptionDefaults.ApiServerPort;
    }

    private IPEndPoint Resolve(BackendOptions backend, ServerOptions server, int defaultPort)
    {
        var port = server.Address.Port ?? defaultPort;
        if (server.Address.Ip is { } ip)
        {
            return new IPEndPoint(ip, port);
        }

        IPAddress[] addresses;
        try
        {
            addresses = _resolve(server.Address.Host);
        }
        catch (SocketException e)
        {
            throw new RuntimeBuildException($"{server.Source.File}:{server.Source.Line}: server {backend.Name}/{server.Name}: cannot resolve '{server.Address.Host}': {e.Message}", e);
        }

        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new RuntimeBuildException($"{server.Source.File}:{server.Source.Line}: server {backend.Name}/{server.Name}: '{server.Address.Host}' has no address");
        return new IPEndPoint(chosen, port);
    }
}
