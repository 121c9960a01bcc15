using System.Net;
using HaKube.Tcplb.Checks;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Health;
using HaKube.Tcplb.Runtime;
using HaKube.Tcplb.Tests.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>The daemon's side of the join: the backends' <see cref="BackendRuntime"/>s (owners of the health state) and a started <see cref="HealthCheckService"/> checking them.</summary>
internal sealed class CheckedBackends : IAsyncDisposable
{
    private static int _nextServerId = 10_000;

    private CheckedBackends(BackendRuntime[] backends, RecordingRuntimeEvents events, HealthCheckService service)
    {
        Backends = backends;
        Events = events;
        Service = service;
    }

    public BackendRuntime[] Backends { get; }

    public RecordingRuntimeEvents Events { get; }

    public HealthCheckService Service { get; }

    /// <summary>Builds the backends (with <paramref name="restored"/> health per server, as a reload carries it) and starts a service on them.</summary>
    public static CheckedBackends Start(
        BackendOptions[] options,
        TimeProvider time,
        IServerProber? prober = null,
        double jitter = 0,
        int seed = 1,
        Action<HealthEvent>? onHealth = null,
        IReadOnlyList<ServerHealthState?>? restored = null)
    {
        var events = new RecordingRuntimeEvents(onHealth);
        var backends = options.Select(b => Runtime(b, time, events, restored)).ToArray();
        var service = new HealthCheckService(options, time, NullLoggerFactory.Instance, prober, jitter, new Random(seed));
        service.Start([.. backends.Select(b => new HealthCheckTarget(b))]);
        return new CheckedBackends(backends, events, service);
    }

    public static BackendRuntime Runtime(BackendOptions options, TimeProvider time, IRuntimeEvents events, IReadOnlyList<ServerHealthState?>? restored = null)
    {
        var servers = options.Servers.Select(s => new ServerRuntime(
            new BackendServer(Interlocked.Increment(ref _nextServerId), options.Name, s.Name, new IPEndPoint(s.Address.Ip ?? IPAddress.Loopback, s.Address.Port ?? 6443)), s));
        return new BackendRuntime(options, [.. servers], time, events, restored);
    }

    public BackendRuntime Backend(string name) => Backends.Single(b => b.Name == name);

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}
