using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// Runs a <see cref="ScriptTracker"/> on a task of its own as an <see cref="ITracker"/>, optionally reversed
/// (Keepalived's "weight N reverse": the script's success counts as a failure and the other way round).
/// </summary>
internal sealed class ScriptTrackerAdapter : ITracker
{
    private readonly ScriptTrackerSettings _settings;
    private readonly IScriptRunner _runner;
    private readonly TimeProvider _time;
    private readonly bool _reverse;
    private readonly CancellationTokenSource _stop = new();
    private ScriptTracker? _tracker;
    private Task? _loop;

    public ScriptTrackerAdapter(ScriptTrackerSettings settings, IScriptRunner runner, TimeProvider time, bool reverse = false)
    {
        _settings = settings;
        _runner = runner;
        _time = time;
        _reverse = reverse;
    }

    public string Name => _settings.Name;

    public TrackerStatus Status => Map(_tracker?.Status ?? new TrackerStatus(Name, TrackerKind.Script, _settings.InitiallyUp, _settings.Weight));

    public void Start(Action<TrackerStatus> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (_tracker is not null)
        {
            throw new InvalidOperationException($"tracker {Name} already started");
        }

        _tracker = new ScriptTracker(_settings, _runner, _time, status => changed(Map(status)));
        _loop = Task.Run(() => _tracker.RunAsync(_stop.Token));
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

    private TrackerStatus Map(TrackerStatus status) => _reverse ? status with { IsUp = !status.IsUp } : status;
}
