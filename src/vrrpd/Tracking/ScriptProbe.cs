using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// One vrrp_script as Keepalived runs it: once per interval on its own task, however many instances track it,
/// debounced with rise/fall; every run's outcome goes to each subscriber (a <see cref="ScriptTracker"/>, which
/// applies its instance's own weight). The task runs while at least one subscriber is started and stops with the
/// last reference. A run still going when the next interval comes is not doubled: the tick is skipped.
/// </summary>
internal sealed class ScriptProbe : IAsyncDisposable
{
    private readonly IScriptRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Action<ScriptProbeRun>[] _subscribers = [];
    private ScriptProbeRun _current;
    private RiseFall _state;
    private int _references = 1;
    private Task? _loop;

    /// <summary>A probe with one reference, held by its creator.</summary>
    public ScriptProbe(ScriptTrackerSettings settings, IScriptRunner runner, TimeProvider time, ILogger? logger = null)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
        _state = RiseFall.Start(settings.Rise, settings.Fall, settings.InitiallyUp);
        _current = new ScriptProbeRun(_state.IsUp, default, Changed: false);
    }

    /// <summary>The script as it runs; its weight is not used here (each subscriber has its own).</summary>
    public ScriptTrackerSettings Settings { get; }

    /// <summary>The debounced state and the last run.</summary>
    public ScriptProbeRun Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Completes after the first run.</summary>
    public Task Initialized => _initialized.Task;

    /// <summary>What makes two scripts the same run: everything but the weight.</summary>
    public static string KeyOf(ScriptTrackerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Join('\u001f',
            settings.Name, string.Join('\u001e', settings.Argv), settings.Interval.Ticks.ToString(CultureInfo.InvariantCulture),
            settings.Timeout.Ticks.ToString(CultureInfo.InvariantCulture), settings.Rise.ToString(CultureInfo.InvariantCulture),
            settings.Fall.ToString(CultureInfo.InvariantCulture), settings.User ?? "", settings.Group ?? "", settings.InitiallyUp ? "up" : "down");
    }

    /// <summary>Adds <paramref name="onRun"/>, called after every run from then on; returns the state it joins at.</summary>
    public ScriptProbeRun Subscribe(Action<ScriptProbeRun> onRun)
    {
        ArgumentNullException.ThrowIfNull(onRun);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onRun];
            return _current;
        }
    }

    /// <summary>Stops calling <paramref name="onRun"/>.</summary>
    public void Unsubscribe(Action<ScriptProbeRun> onRun)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != onRun)];
        }
    }

    /// <summary>Starts the periodic runs unless they already run.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_references == 0, this);
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>One more holder, unless the probe is already stopping (then false: make a new one).</summary>
    public bool TryRetain()
    {
        lock (_gate)
        {
            if (_references == 0)
            {
                return false;
            }

            _references++;
            return true;
        }
    }

    /// <summary>Drops one reference; true when it was the last (the caller then disposes the probe).</summary>
    public bool Release()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_references == 0, this);
            return --_references == 0;
        }
    }

    /// <summary>Ends the periodic runs and waits for the one in progress; for the holder of the last reference.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
        }

        await _stop.CancelAsync();
        if (loop is not null)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
        _initialized.TrySetResult();
    }

    /// <summary>Runs the script now and then every interval until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Settings.Interval, _time);
        do
        {
            await RunOnceAsync(ct);
        }
        while (await WaitNextTickAsync(timer, ct));
    }

    /// <summary>One run, its effect on the debounced state, and the subscribers told; true when the state changed.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        ScriptResult result;
        try
        {
            result = await _runner.RunAsync(Settings.Argv, Settings.Timeout, Settings.User, Settings.Group, ct: ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }

        if (result.Outcome == ScriptOutcome.CannotStart)
        {
            TrackingLog.ScriptCannotRun(_logger, Settings.Name, result.Message);
        }

        ScriptProbeRun run;
        Action<ScriptProbeRun>[] subscribers;
        lock (_gate)
        {
            _state = _state.Record(result.Succeeded, out var changed);
            _current = run = new ScriptProbeRun(_state.IsUp, result, changed);
            subscribers = _subscribers;
        }

        // Outside the gate (a subscriber takes its own lock); runs are sequential, so every subscriber sees them in order.
        foreach (var subscriber in subscribers)
        {
            subscriber(run);
        }

        _initialized.TrySetResult();
        return run.Changed;
    }

    private static async Task<bool> WaitNextTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
