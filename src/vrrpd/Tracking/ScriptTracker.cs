using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Runs one track script every interval on its own task (never on an instance's loop, so a slow script
/// cannot delay an advert), debounces the results with rise/fall, and reports each change of state.
/// A run still going when the next interval comes is not doubled: the tick is skipped, as Keepalived does.
/// </summary>
internal sealed class ScriptTracker : ITracker
{
    private readonly IScriptRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<TrackerStatus> _changed = static _ => { };
    private RiseFall _state;
    private volatile bool _isUp;
    private ScriptResult _lastResult;
    private Task? _loop;

    public ScriptTracker(ScriptTrackerSettings settings, IScriptRunner runner, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
        _state = RiseFall.Start(settings.Rise, settings.Fall, settings.InitiallyUp);
        _isUp = _state.IsUp;
    }

    public ScriptTrackerSettings Settings { get; }

    public string Name => Settings.Name;

    /// <summary>The current debounced status.</summary>
    public TrackerStatus Status => new(Settings.Name, TrackerKind.Script, _isUp, Settings.Weight, Detail: LastResult.Message ?? "", WeightReverse: Settings.WeightReverse);

    /// <summary>How the last run ended.</summary>
    public ScriptResult LastResult
    {
        get
        {
            lock (_gate)
            {
                return _lastResult;
            }
        }

        private set
        {
            lock (_gate)
            {
                _lastResult = value;
            }
        }
    }

    /// <summary>Completes after the first run.</summary>
    public Task Initialized => _initialized.Task;

    public void Start(Action<TrackerStatus> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (_loop is not null)
        {
            throw new InvalidOperationException($"tracker {Name} is already started");
        }

        _changed = changed;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
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

    /// <summary>One run and its effect on the debounced state; true when the state changed.</summary>
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

        LastResult = result;
        if (result.Outcome == ScriptOutcome.CannotStart)
        {
            TrackingLog.ScriptCannotRun(_logger, Name, result.Message);
        }

        _state = _state.Record(result.Succeeded, out var changed);
        _isUp = _state.IsUp;
        _initialized.TrySetResult();
        if (changed)
        {
            var status = Status;
            TrackingLog.Changed(_logger, status);
            _changed(status);
        }

        return changed;
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
