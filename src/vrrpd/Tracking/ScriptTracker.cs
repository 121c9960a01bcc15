using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Runs one track script every interval on its own task (never on an instance's loop, so a slow script
/// cannot delay an advert), debounces the results with rise/fall, and reports each change of state.
/// A run still going when the next interval comes is not doubled: the tick is skipped, as Keepalived does.
/// </summary>
internal sealed class ScriptTracker : TrackerBase
{
    private readonly IScriptRunner _runner;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private RiseFall _state;
    private ScriptResult _lastResult;
    private Task? _loop;

    public ScriptTracker(ScriptTrackerSettings settings, IScriptRunner runner, TimeProvider time, ILogger? logger = null)
        : base(Checked(settings).Name, Make(settings, settings.InitiallyUp, ""), logger)
    {
        Settings = settings;
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _state = RiseFall.Start(settings.Rise, settings.Fall, settings.InitiallyUp);
    }

    public ScriptTrackerSettings Settings { get; }

    /// <summary>How the last run ended.</summary>
    public ScriptResult LastResult
    {
        get
        {
            lock (Gate)
            {
                return _lastResult;
            }
        }
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

        if (result.Outcome == ScriptOutcome.CannotStart)
        {
            TrackingLog.ScriptCannotRun(Logger, Name, result.Message);
        }

        bool changed;
        lock (Gate)
        {
            _lastResult = result;
            _state = _state.Record(result.Succeeded, out _);
            changed = Publish(Make(Settings, _state.IsUp, result.Message ?? ""));
        }

        MarkInitialized();
        return changed;
    }

    protected override void OnStart() => _loop = Task.Run(() => RunAsync(_stop.Token));

    protected override async ValueTask OnDisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private static ScriptTrackerSettings Checked(ScriptTrackerSettings settings) => settings ?? throw new ArgumentNullException(nameof(settings));

    private static TrackerStatus Make(ScriptTrackerSettings settings, bool up, string detail) =>
        new(settings.Name, TrackerKind.Script, up, settings.Weight, Detail: detail, WeightReverse: settings.WeightReverse);

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
