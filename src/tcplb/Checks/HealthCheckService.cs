using System.Threading.Channels;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Health;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// Active health checks of every backend's servers (issue 4, point 3), and the passive mark-downs the data plane
/// reports. Each checked server is probed on its own schedule (inter, fastinter, downinter from
/// <see cref="BackendHealth.NextCheckDelay"/>, first checks spread, later ones jittered); results go through
/// <see cref="BackendHealth"/> (rise, fall) and the events it returns go to the callback, to the log and into YARP's
/// destination health (<see cref="ProxyState"/>). When a server marked down by checks stays down for its grace, a
/// <see cref="CloseSessionsEvent"/> follows. One loop owns all of it; probes run beside it and never block it or the
/// data plane.
/// </summary>
internal sealed partial class HealthCheckService : IAsyncDisposable
{
    private readonly BackendOptions[] _backends;
    private readonly Dictionary<string, int> _backendIndex = new(StringComparer.Ordinal);
    private readonly BackendHealth[] _health;
    private readonly CheckTarget[][] _targets;
    private readonly ServerSlot[][] _slots;
    private readonly BackendCheckStatus[] _status;
    private readonly Action<HealthEvent> _onEvent;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly YarpProxyState _yarp;
    private readonly IServerProber _prober;
    private readonly bool _ownsProber;
    private readonly double _jitter;
    private readonly Random _random;
    private readonly Channel<CheckMessage> _inbox = Channel.CreateUnbounded<CheckMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly CheckMetrics _metrics = new();
    private Task? _loop;

    /// <param name="backends">The backends whose servers are checked (servers without <c>check</c> stay up and are never probed).</param>
    /// <param name="onEvent">
    /// Receives every <see cref="ServerUpEvent"/>, <see cref="ServerDownEvent"/>, <see cref="HealthyCountChangedEvent"/>
    /// and <see cref="CloseSessionsEvent"/>, in order, on the health loop: it must return quickly and not block.
    /// </param>
    /// <param name="time">Clock and timers of schedules and probe bounds.</param>
    /// <param name="loggerFactory">For this service and YARP's components.</param>
    /// <param name="prober">Null = the real probes (<see cref="CheckProber"/>); tests pass a fake.</param>
    /// <param name="jitter">Each delay moves by up to ± this fraction (0 to 0.5).</param>
    /// <param name="random">Source of the jitter; null = <see cref="Random.Shared"/>.</param>
    /// <exception cref="InvalidOperationException">A check's CA file or client certificate cannot be loaded, or YARP refuses the clusters.</exception>
    public HealthCheckService(
        IReadOnlyList<BackendOptions> backends,
        Action<HealthEvent> onEvent,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        IServerProber? prober = null,
        double jitter = CheckSpread.DefaultJitter,
        Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 0.5);
        _backends = [.. backends];
        _onEvent = onEvent;
        _time = time;
        _logger = loggerFactory.CreateLogger<HealthCheckService>();
        _jitter = jitter;
        _random = random ?? Random.Shared;
        _health = [.. _backends.Select(b => new BackendHealth(b))];
        _targets = [.. _backends.Select((b, i) => Enumerable.Range(0, b.Servers.Length).Select(s => CheckTarget.For(i, b, s)).ToArray())];
        _slots = [.. _backends.Select(b => b.Servers.Select(_ => new ServerSlot()).ToArray())];
        _status = new BackendCheckStatus[_backends.Length];
        for (var b = 0; b < _backends.Length; b++)
        {
            _backendIndex.TryAdd(_backends[b].Name, b);
            PublishStatus(b);
        }

        _yarp = new YarpProxyState(_backends, loggerFactory);
        try
        {
            _ownsProber = prober is null;
            _prober = prober ?? new CheckProber(_backends, _yarp, time);
        }
        catch
        {
            _yarp.Dispose();
            throw;
        }
    }

    /// <summary>YARP's view of the backends: each destination's <c>Health.Active</c> and the cluster's available destinations follow these checks.</summary>
    public IProxyStateLookup ProxyState => _yarp.Lookup;

    /// <summary>The backends, in configuration order, as the loop last left them. Safe from any thread.</summary>
    public IReadOnlyList<BackendCheckStatus> Status
    {
        get
        {
            var status = new BackendCheckStatus[_status.Length];
            for (var b = 0; b < status.Length; b++)
            {
                status[b] = Volatile.Read(ref _status[b]);
            }

            return status;
        }
    }

    /// <summary>One backend's status, or null if there is none of that name.</summary>
    public BackendCheckStatus? GetStatus(string backend)
        => _backendIndex.TryGetValue(backend, out var b) ? Volatile.Read(ref _status[b]) : null;

    /// <summary>Schedules every checked server's first check, spread over the shortest interval, and starts the loop.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the health checks are already started");
        }

        var checkedServers = new List<(int Backend, int Server)>();
        for (var b = 0; b < _backends.Length; b++)
        {
            for (var s = 0; s < _backends[b].Servers.Length; s++)
            {
                if (_backends[b].Servers[s].Check.Enabled)
                {
                    checkedServers.Add((b, s));
                }
            }
        }

        if (checkedServers.Count > 0)
        {
            var shortest = checkedServers.Min(k => _health[k.Backend].NextCheckDelay(k.Server));
            for (var i = 0; i < checkedServers.Count; i++)
            {
                var (b, s) = checkedServers[i];
                ScheduleCheck(b, s, CheckSpread.FirstDelay(i, checkedServers.Count, shortest));
                PublishStatus(b);
            }
        }

        Log.Started(_logger, checkedServers.Count, _backends.Length);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// A forwarded connection to this server failed to connect (the data plane's passive check). Thread-safe, never
    /// blocks: the server is marked down on the loop (if its check allows passive mark-downs), and its next check is
    /// brought forward when the down interval is shorter than what was left.
    /// </summary>
    public void ReportConnectFailure(string backend, int server, string detail)
    {
        if (!_backendIndex.TryGetValue(backend, out var b))
        {
            throw new ArgumentException($"no backend '{backend}'", nameof(backend));
        }

        ReportConnectFailure(b, server, detail);
    }

    /// <inheritdoc cref="ReportConnectFailure(string, int, string)"/>
    public void ReportConnectFailure(int backend, int server, string detail)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)server, (uint)_backends[backend].Servers.Length, nameof(server));
        _inbox.Writer.TryWrite(new CheckMessage(CheckMessageKind.ConnectFailed, backend, server, Detail: detail));
    }

    /// <summary>Stops scheduling, cancels probes in flight and waits for them; no event is raised after it returns.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        var probes = new List<Task>();
        foreach (var slot in _slots.SelectMany(s => s))
        {
            slot.CheckTimer?.Dispose();
            slot.CloseTimer?.Dispose();
            if (slot.Probe is { } probe)
            {
                probes.Add(probe);
            }
        }

        await Task.WhenAll(probes);
        Log.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsProber && _prober is IDisposable prober)
        {
            prober.Dispose();
        }

        _yarp.Dispose();
        _metrics.Dispose();
        _stop.Dispose();
    }
}
