using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// vrrp_track_process: up while the number of matching processes is within quorum..quorum_max, as Keepalived.
/// The count comes from an <see cref="IProcessSource"/> (pidfile or name, both following processes through
/// pidfds, so an exit is seen at once). A change of quorum takes effect after fork_delay (gained) or
/// terminate_delay (lost), and is dropped if quorum flips back first. The first count at start applies at once.
/// </summary>
internal sealed class ProcessTracker : TrackerBase
{
    private readonly ProcessTrackerSettings _settings;
    private readonly IProcessSource _source;
    private readonly TimeProvider _time;
    private ITimer? _pending;
    private bool _pendingUp;
    private bool _ready;

    public ProcessTracker(ProcessTrackerSettings settings, IProcessSource source, TimeProvider time, ILogger? logger = null)
        : base(Checked(settings).Name, Make(settings, false, "not started"), logger)
    {
        _settings = settings;
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        // The first count is read synchronously at start: there is no assumption to wait out.
        MarkInitialized();
    }

    protected override void OnStart()
    {
        _source.Start(OnSighting);
        var first = _source.Current;
        lock (Gate)
        {
            _ready = true;
            Publish(Make(_settings, _settings.HasQuorum(first.Count), first.Detail), raiseAlways: true);
        }
    }

    protected override async ValueTask OnDisposeAsync()
    {
        lock (Gate)
        {
            CancelPending();
        }

        await _source.DisposeAsync();
    }

    private void OnSighting(ProcessSighting sighting)
    {
        lock (Gate)
        {
            if (!_ready || IsDisposed)
            {
                return;
            }

            var current = Status;
            var up = _settings.HasQuorum(sighting.Count);
            if (up == current.IsUp)
            {
                // Quorum came back before the delay ran out: nothing changes.
                CancelPending();
                Publish(current with { Detail = sighting.Detail });
                return;
            }

            var delay = up ? _settings.ForkDelay : _settings.TerminateDelay;
            if (delay <= TimeSpan.Zero)
            {
                CancelPending();
                Publish(Make(_settings, up, sighting.Detail));
            }
            else if (_pending is null || _pendingUp != up)
            {
                CancelPending();
                _pendingUp = up;
                _pending = _time.CreateTimer(static state => ((ProcessTracker)state!).OnDelayElapsed(), this, delay, Timeout.InfiniteTimeSpan);
                Publish(current with { Detail = $"{sighting.Detail}; {(up ? "up" : "down")} after {delay.TotalSeconds:0.###} s unless it changes back" });
            }
        }
    }

    private void OnDelayElapsed()
    {
        lock (Gate)
        {
            if (IsDisposed || _pending is null)
            {
                return;
            }

            CancelPending();
            var sighting = _source.Current;
            var up = _settings.HasQuorum(sighting.Count);
            if (up != Status.IsUp)
            {
                Publish(Make(_settings, up, sighting.Detail));
            }
        }
    }

    private void CancelPending()
    {
        _pending?.Dispose();
        _pending = null;
    }

    private static ProcessTrackerSettings Checked(ProcessTrackerSettings settings) => settings ?? throw new ArgumentNullException(nameof(settings));

    private static TrackerStatus Make(ProcessTrackerSettings settings, bool up, string detail) =>
        new(settings.Name, TrackerKind.Process, up, settings.Weight, Detail: detail, WeightReverse: settings.WeightReverse);
}
