using System.Threading.Channels;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Runtime;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// Active health checks of every backend's servers (issue 4, point 3): the daemon's <see cref="IHealthChecks"/>. Each
/// checked server is probed on its own schedule (inter, fastinter, downinter from <see cref="HealthCheckTarget.NextCheckDelay"/>,
/// first checks spread, later ones jittered) and every result goes to <see cref="HealthCheckTarget.Report"/>: the
/// backend's <see cref="BackendRuntime"/> owns the health state (rise, fall, passive mark-downs, sessions closed after
/// the grace). This service mirrors that state into YARP's destination health (<see cref="ProxyState"/>) after each
/// report and after each change the backend tells it of, and brings a check forward when a failed connect marked a
/// server down. One loop owns the schedule; probes run beside it and never block it or the data plane.
/// </summary>
internal sealed partial class HealthCheckService : IHealthChecks
{
    private readonly BackendOptions[] _backends;
    private readonly Dictionary<string, int> _backendIndex = new(StringComparer.Ordinal);
    private readonly CheckTarget[][] _targets;
    private readonly ServerSlot[][] _slots;
    private readonly BackendCheckStatus?[] _status;
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
    private HealthCheckTarget[] _backendTargets = [];
    private Task? _loop;

    /// <param name="backends">The backends whose servers are checked (servers without <c>check</c> stay up and are never probed); <see cref="Start"/> gets their runtime targets, in this order.</param>
    /// <param name="time">Clock and timers of schedules and probe bounds.</param>
    /// <param name="loggerFactory">For this service and YARP's components.</param>
    /// <param name="prober">Null = the real probes (<see cref="CheckProber"/>); tests pass a fake.</param>
    /// <param name="jitter">Each delay moves by up to ± this fraction (0 to 0.5).</param>
    /// <param name="random">Source of the jitter; null = <see cref="Random.Shared"/>.</param>
    /// <exception cref="InvalidOperationException">A check's CA file or client certificate cannot be loaded, or YARP refuses the clusters.</exception>
    public HealthCheckService(
        IReadOnlyList<BackendOptions> backends,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        IServerProber? prober = null,
        double jitter = CheckSpread.DefaultJitter,
        Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 0.5);
        _backends = [.. backends];
        _time = time;
        _logger = loggerFactory.CreateLogger<HealthCheckService>();
        _jitter = jitter;
        _random = random ?? Random.Shared;
        _targets = [.. _backends.Select((b, i) => Enumerable.Range(0, b.Servers.Length).Select(s => CheckTarget.For(i, b, s)).ToArray())];
        _slots = [.. _backends.Select(b => b.Servers.Select(_ => new ServerSlot()).ToArray())];
        _status = new BackendCheckStatus?[_backends.Length];
        for (var b = 0; b < _backends.Length; b++)
        {
            _backendIndex.TryAdd(_backends[b].Name, b);
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

    /// <summary>YARP's view of the backends: each destination's <c>Health.Active</c> and the cluster's available destinations mirror the backends' health.</summary>
    public IProxyStateLookup ProxyState => _yarp.Lookup;

    /// <summary>The backends, in configuration order, as the loop last left them (empty before <see cref="Start"/>). Safe from any thread.</summary>
    public IReadOnlyList<BackendCheckStatus> Status => [.. _status.Select(s => Volatile.Read(ref s)).OfType<BackendCheckStatus>()];

    /// <summary>One backend's status, or null if there is none of that name (or before <see cref="Start"/>).</summary>
    public BackendCheckStatus? GetStatus(string backend)
        => _backendIndex.TryGetValue(backend, out var b) ? Volatile.Read(ref _status[b]) : null;

    /// <inheritdoc/>
    public ServerCheckReport? LastCheck(string backend, int server)
    {
        if (GetStatus(backend) is not { } status || (uint)server >= (uint)status.Servers.Length || status.Servers[server] is not { LastResult: { } result } s)
        {
            return null;
        }

        return new ServerCheckReport(result.Code, CheckStatusNames.Description(result.Status), result.Info, result.HttpStatus, s.LastDuration, s.CheckInProgress);
    }

    /// <summary>
    /// Takes the backends' runtime targets (one per backend given to the constructor, same order), mirrors their current
    /// state into YARP, schedules every checked server's first check, spread over the shortest interval, and starts the loop.
    /// </summary>
    public void Start(IReadOnlyList<HealthCheckTarget> targets)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the health checks are already started");
        }

        if (targets.Count != _backends.Length || targets.Where((t, b) => t.Backend.Name != _backends[b].Name || t.Count != _backends[b].Servers.Length).Any())
        {
            throw new ArgumentException("one target per backend of the constructor, in the same order", nameof(targets));
        }

        _backendTargets = [.. targets];
        var checkedServers = new List<(int Backend, int Server)>();
        for (var b = 0; b < _backends.Length; b++)
        {
            var backend = b;
            _backendTargets[b].Observe(e => OnHealthEvent(backend, e));
            for (var s = 0; s < _backends[b].Servers.Length; s++)
            {
                SyncYarp(b, s);
                if (_backends[b].Servers[s].Check.Enabled)
                {
                    checkedServers.Add((b, s));
                }
            }
        }

        if (checkedServers.Count > 0)
        {
            var shortest = checkedServers.Min(k => _backendTargets[k.Backend].NextCheckDelay(k.Server));
            for (var i = 0; i < checkedServers.Count; i++)
            {
                var (b, s) = checkedServers[i];
                ScheduleCheck(b, s, CheckSpread.FirstDelay(i, checkedServers.Count, shortest));
            }
        }

        for (var b = 0; b < _backends.Length; b++)
        {
            PublishStatus(b);
        }

        Log.Started(_logger, checkedServers.Count, _backends.Length);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Stops scheduling, stops following the backends, cancels probes in flight and waits for them; nothing is reported after it returns.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        foreach (var target in _backendTargets)
        {
            target.Observe(null);
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
