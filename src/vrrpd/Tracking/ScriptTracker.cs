namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Runs one track script every interval on its own task (never on an instance's loop, so a slow script
/// cannot delay an advert), debounces the results with rise/fall, and reports each change of state.
/// A run still going when the next interval comes is not doubled: the tick is skipped, as Keepalived does.
/// </summary>
internal sealed class ScriptTracker
{
    private readonly IScriptRunner _runner;
    private readonly TimeProvider _time;
    private readonly Action<TrackerStatus> _changed;
    private RiseFall _state;

    public ScriptTracker(ScriptTrackerSettings settings, IScriptRunner runner, TimeProvider time, Action<TrackerStatus> changed)
    {
        Settings = settings;
        _runner = runner;
        _time = time;
        _changed = changed;
        _state = RiseFall.Start(settings.Rise, settings.Fall, settings.InitiallyUp);
    }

    public ScriptTrackerSettings Settings { get; }

    /// <summary>The current debounced status.</summary>
    public TrackerStatus Status => new(Settings.Name, TrackerKind.Script, _state.IsUp, Settings.Weight, Detail: LastResult.Message);

    /// <summary>How the last run ended.</summary>
    public ScriptResult LastResult { get; private set; }

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
        _state = _state.Record(result.Succeeded, out var changed);
        if (changed)
        {
            _changed(Status);
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
