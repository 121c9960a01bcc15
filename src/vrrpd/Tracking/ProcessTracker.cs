using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// vrrp_track_process: up while the number of matching processes is within quorum..quorum_max, as Keepalived.
/// The count comes from an <see cref="IProcessSource"/> (pidfile or name, both following processes through
/// pidfds, so an exit is seen at once). A change of quorum takes effect after fork_delay (gained) or
/// terminate_delay (lost), and is dropped if quorum flips back first. The first count at start applies at once.
/// </summary>
internal sealed class ProcessTracker : ITracker
{
    private readonly ProcessTrackerSettings _settings;
    private readonly IProcessSource _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Action<TrackerStatus> _changed = static _ => { };
    private TrackerStatus _status;
    private ITimer? _pending;
    private bool _pendingUp;
    private bool _ready;
    private bool _disposed;

    public ProcessTracker(ProcessTrackerSettings settings, IProcessSource source, TimeProvider time, ILogger? logger = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
        _status = Make(false, "not started");
    }

    public string Name => _settings.Name;

    public TrackerStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    public void Start(Action<TrackerStatus> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _changed = changed;
        }

        _source.Start(OnSighting);
        var first = _source.Current;
        lock (_gate)
        {
            _ready = true;
            Raise(_status = Make(_settings.HasQuorum(first.Count), first.Detail));
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _pending?.Dispose();
            _pending = null;
        }

        await _source.DisposeAsync();
    }

    private void OnSighting(ProcessSighting sighting)
    {
        lock (_gate)
        {
            if (!_ready || _disposed)
            {
                return;
            }

            var up = _settings.HasQuorum(sighting.Count);
            if (up == _status.IsUp)
            {
                // Quorum came back before the delay ran out: nothing changes.
                CancelPending();
                _status = _status with { Detail = sighting.Detail };
                return;
            }

            var delay = up ? _settings.ForkDelay : _settings.TerminateDelay;
            if (delay <= TimeSpan.Zero)
            {
                CancelPending();
                Raise(_status = Make(up, sighting.Detail));
            }
            else if (_pending is null || _pendingUp != up)
            {
                CancelPending();
                _pendingUp = up;
                _pending = _time.CreateTimer(static state => ((ProcessTracker)state!).OnDelayElapsed(), this, delay, Timeout.InfiniteTimeSpan);
                _status = _status with { Detail = $"{sighting.Detail}; {(up ? "up" : "down")} after {delay.TotalSeconds:0.###} s unless it changes back" };
            }
        }
    }

    private void OnDelayElapsed()
    {
        lock (_gate)
        {
            if (_disposed || _pending is null)
            {
                return;
            }

            CancelPending();
            var sighting = _source.Current;
            var up = _settings.HasQuorum(sighting.Count);
            if (up != _status.IsUp)
            {
                Raise(_status = Make(up, sighting.Detail));
            }
        }
    }

    private void CancelPending()
    {
        _pending?.Dispose();
        _pending = null;
    }

    /// <summary>Called under the gate, so changes reach the daemon in order even when they come from different threads.</summary>
    private void Raise(TrackerStatus status)
    {
        TrackingLog.Changed(_logger, status);
        _changed(status);
    }

    private TrackerStatus Make(bool up, string detail) =>
        new(_settings.Name, TrackerKind.Process, up, _settings.Weight, Detail: detail, WeightReverse: _settings.WeightReverse);
}
