using System.Globalization;
using System.Net.Sockets;
using HaKube.Common.Daemon;
using HaKube.Common.Metrics;
using HaKube.Common.Systemd;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Logging;
using Microsoft.Extensions.Logging;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// The tcplb process: runs one configuration (engine, schedulers, health checks), serves the admin socket (status,
/// server controls, reload, readiness stream) and the metrics, applies SIGHUP reloads, tells systemd, and drains on stop.
/// Split by concern: reload in TcplbDaemon.Reload.cs, admin socket in TcplbDaemon.Admin.cs, backend events and
/// readiness in TcplbDaemon.Events.cs, log messages in TcplbDaemon.Log.cs.
/// </summary>
internal sealed partial class TcplbDaemon : IRuntimeEvents, IAsyncDisposable
{
    private readonly DaemonOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionLog _connectionLog;
    private readonly LogQueue _logs;
    private readonly SyslogLoggerProvider? _events;
    private readonly RuntimeBuilder _builder;
    private readonly SystemdNotifier _notifier = new();
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly DataPlaneEventsLogger _dataPlaneEvents;
    private readonly ILogger _adminLogger;
    private readonly ILoggerFactory _loggers;
    private RuntimeModel _model = null!;
    private ProxyEngine? _engine;
    private IHealthChecks? _checks;
    private DaemonSignals? _signals;
    private DateTimeOffset _startedAt;
    private DateTimeOffset? _reloadedAt;
    private volatile bool _serving;

    /// <param name="options">How to run, from the command line.</param>
    /// <param name="loggers">The journal console (and <paramref name="events"/>).</param>
    /// <param name="logs">The started log writer (connection lines, and the events <paramref name="events"/> forwards).</param>
    /// <param name="events">Sends tcplb's events to the log targets; re-routed at each reload.</param>
    public TcplbDaemon(DaemonOptions options, ILoggerFactory loggers, LogQueue logs, SyslogLoggerProvider? events = null)
    {
        _options = options;
        _logger = loggers.CreateLogger("HaKube.Tcplb.Daemon");
        _logs = logs;
        _events = events;
        _connectionLog = new ConnectionLog(logs);
        _builder = new RuntimeBuilder(_time, this);
        _dataPlaneEvents = new DataPlaneEventsLogger(loggers.CreateLogger("HaKube.Tcplb.DataPlane"));
        _adminLogger = loggers.CreateLogger("HaKube.Tcplb.Admin");
        _loggers = loggers;
    }

    /// <summary>Runs <paramref name="options"/> (already loaded and valid) until SIGTERM/SIGINT; the process exit code.</summary>
    public async Task<int> RunAsync(TcplbOptions options)
    {
        using var signals = new DaemonSignals();
        _signals = signals;
        RunDirectory run;
        try
        {
            run = RunDirectory.Acquire(_options.RunDirectory, "tcplb");
        }
        catch (DaemonStartupException e)
        {
            Log.StartFailed(_logger, e.Message);
            return 1;
        }

        using (run)
        {
            var extraPidFile = WriteConfiguredPidFile(options, run);
            try
            {
                return await ServeAsync(options, run, signals);
            }
            finally
            {
                if (extraPidFile is not null)
                {
                    TryDelete(extraPidFile);
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reload.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int> ServeAsync(TcplbOptions options, RunDirectory run, DaemonSignals signals)
    {
        _startedAt = _time.GetUtcNow();
        var engineOptions = new EngineOptions
        {
            Inherited = SystemdSocketActivation.Take(),
            Events = _dataPlaneEvents,
            Time = _time,
        };
        if (_options.Loops is { } loops)
        {
            engineOptions = engineOptions with { LoopCount = loops };
        }

        engineOptions = engineOptions with { MaxConn = GlobalMaxConn(options, engineOptions) };
        _builder.ProcessMaxConn = engineOptions.MaxConn;
        IHealthChecks? checks = null;
        try
        {
            checks = CreateChecks(options);
            _model = _builder.Build(options, null, _connectionLog.For);
        }
        catch (Exception e) when (e is RuntimeBuildException or InvalidOperationException)
        {
            if (checks is not null)
            {
                await checks.DisposeAsync();
            }

            Log.StartFailed(_logger, e.Message);
            return 1;
        }

        await using var engine = new ProxyEngine(engineOptions, _model.Frontends);
        _engine = engine;
        await using var admin = CreateAdminServer(run);
        await using var metrics = _options.MetricsEndpoint is { } endpoint
            ? new PrometheusExporter(new PrometheusExporterOptions { Endpoint = endpoint, MeterNames = [TcplbMetrics.MeterName] }, _adminLogger)
            : null;
        using var instruments = new TcplbMetrics(new MetricsSources
        {
            ActiveConnections = () => engine.ActiveConnections,
            MaxConn = () => engine.MaxConn,
            Frontends = FrontendStatuses,
            Backends = () => [.. _model.Backends.Select(b => b.Status())],
            LogDropped = () => _logs.Dropped,
            LogFailed = () => _logs.Failed,
        });
        try
        {
            admin.Start();
            metrics?.Start();
            await engine.StartAsync();
        }
        catch (Exception e) when (e is DaemonStartupException or SocketException)
        {
            await checks.DisposeAsync();
            Log.StartFailed(_logger, e.Message);
            return 1;
        }

        _serving = true;
        PublishReadiness();
        _checks = checks;
        checks.Start(Targets(_model));
        var listen = string.Join(", ", _model.Frontends.SelectMany(f => engine.LocalEndPoints(f.Name)));
        Log.Started(_logger, Environment.ProcessId, _options.ConfigPath, listen, engineOptions.Inherited.Count);
        _notifier.Ready($"serving on {listen}");
        using var watchdogStop = new CancellationTokenSource();
        var watchdog = SystemdWatchdog.FromEnvironment(_notifier, () => _serving, _time, _logger)?.RunAsync(watchdogStop.Token) ?? Task.CompletedTask;

        try
        {
            while (true)
            {
                var request = await signals.Reloads.ReadAsync(signals.Stopping);
                await ReloadAsync(request.Source);
            }
        }
        catch (OperationCanceledException) when (signals.Stopping.IsCancellationRequested)
        {
            // SIGTERM or SIGINT.
        }

        Log.Stopping(_logger, signals.StopReason ?? "stop", _options.StopGrace.TotalSeconds, engine.ActiveConnections);
        _notifier.Stopping();
        _serving = false;
        PublishReadiness();
        if (_checks is not null)
        {
            await _checks.DisposeAsync();
        }

        var closed = await engine.DrainAsync(_options.StopGrace);
        Log.Stopped(_logger, closed);
        await watchdogStop.CancelAsync();
        await watchdog;
        return 0;
    }

    /// <summary>Global maxconn, or (absent) derived from the open-files limit as HAProxy does, which is logged.</summary>
    private int GlobalMaxConn(TcplbOptions options, EngineOptions engine)
    {
        if (options.Global.MaxConn is { } configured)
        {
            return configured;
        }

        var openFiles = ProcessLimits.RaiseOpenFiles() ?? 1024;
        var binds = options.Frontends.Sum(f => f.Binds.Sum(b => b.Address is null ? 2 : 1));
        var servers = options.Backends.Sum(b => b.Servers.Count(s => s.Check.Enabled));
        var maxConn = ProcessLimits.IdealMaxConn(openFiles, ProcessLimits.Reserved(engine.LoopCount, engine.MaxSparePipesPerLoop, binds, servers));
        Log.MaxConnDerived(_logger, maxConn, openFiles);
        return maxConn;
    }

    /// <summary>The checks of <paramref name="options"/>' backends, not started yet.</summary>
    /// <exception cref="InvalidOperationException">They cannot run as configured (the message says why, for the operator).</exception>
    private IHealthChecks CreateChecks(TcplbOptions options) => _options.HealthChecks(options.Backends, _loggers);

    private static HealthCheckTarget[] Targets(RuntimeModel model) => [.. model.Backends.Select(b => new HealthCheckTarget(b))];

    /// <summary>haproxy.cfg's <c>pidfile</c> (or Global.PidFile), honoured when writable; the run directory's pid file is always written.</summary>
    private string? WriteConfiguredPidFile(TcplbOptions options, RunDirectory run)
    {
        if (options.Global.PidFile is not { Length: > 0 } path || Path.GetFullPath(path) == run.PidFilePath)
        {
            return null;
        }

        try
        {
            File.WriteAllText(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.PidFileNotWritable(_logger, path, e.Message, run.PidFilePath);
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; the next start overwrites it.
        }
    }
}
