using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// The <see cref="ITracker"/> plumbing every tracker shares: the current status under one lock, the
/// <see cref="ITracker.Initialized"/> signal, start-once and dispose-once, and change callbacks raised under the
/// lock so they reach the daemon one at a time and in order, whichever thread saw the change. A tracker keeps
/// only what it watches and how it reads it.
/// </summary>
internal abstract class TrackerBase : ITracker
{
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<TrackerStatus> _changed = static _ => { };
    private TrackerStatus _status;
    private bool _started;
    private bool _disposed;
    private bool _quiet;

    protected TrackerBase(string name, TrackerStatus initial, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _status = initial ?? throw new ArgumentNullException(nameof(initial));
        Logger = logger ?? NullLogger.Instance;
    }

    public string Name { get; }

    public TrackerStatus Status
    {
        get
        {
            lock (Gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Completes once the status reflects a real observation (see <see cref="MarkInitialized"/>), or at dispose.</summary>
    public Task Initialized => _initialized.Task;

    /// <summary>Guards the status and whatever else the tracker keeps with it; re-entrant.</summary>
    protected Lock Gate { get; } = new();

    protected ILogger Logger { get; }

    /// <summary>True once disposal has begun; read under <see cref="Gate"/> to act on it.</summary>
    protected bool IsDisposed
    {
        get
        {
            lock (Gate)
            {
                return _disposed;
            }
        }
    }

    public void Start(Action<TrackerStatus> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException($"tracker {Name} is already started");
            }

            _started = true;
            _changed = changed;
        }

        OnStart();
    }

    public async ValueTask DisposeAsync()
    {
        lock (Gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await OnDisposeAsync();
        _initialized.TrySetResult();
    }

    /// <summary>Stops logging status changes: a <see cref="DebouncedTracker"/> around this one logs those that count.</summary>
    public void QuietChanges()
    {
        lock (Gate)
        {
            _quiet = true;
        }
    }

    /// <summary>Begins watching; called once, after the callback is in place.</summary>
    protected abstract void OnStart();

    /// <summary>Stops watching; called once. No change is raised after disposal has begun.</summary>
    protected virtual ValueTask OnDisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The status now has a real observation behind it.</summary>
    protected void MarkInitialized() => _initialized.TrySetResult();

    /// <summary>
    /// Makes <paramref name="next"/> the status. When it differs in what the priority depends on (up, weight,
    /// adjustment) the change is logged and raised, under the gate; a new detail alone is kept silently.
    /// <paramref name="logAlways"/> logs it even when nothing changed (a first reading); <paramref name="raiseAlways"/>
    /// also raises it. Returns whether it was raised; nothing happens once disposal has begun.
    /// </summary>
    protected bool Publish(TrackerStatus next, bool logAlways = false, bool raiseAlways = false)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (Gate)
        {
            if (_disposed)
            {
                return false;
            }

            var before = _status;
            var raise = raiseAlways || next.IsUp != before.IsUp || next.Weight != before.Weight || next.Adjustment != before.Adjustment;
            _status = next;
            if ((raise || logAlways) && !_quiet)
            {
                TrackingLog.Changed(Logger, next);
            }

            if (raise)
            {
                _changed(next);
            }

            return raise;
        }
    }
}
