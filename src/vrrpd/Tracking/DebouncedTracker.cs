using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Rise and fall for an event-driven tracker (an interface, a process, a file, the local tcplb), in time rather than
/// in runs: a change that lowers what the tracker gives the priority (down, a fault, a smaller adjustment) counts only
/// once it has held for <see cref="DebounceSettings.FallDelay"/>, one that raises it once it has held for
/// <see cref="DebounceSettings.RiseDelay"/>. A change reverted within its delay is never raised, so a flapping link
/// or a balancer restarting its checks does not move the VIP. The first reading passes at once, as a script's first
/// run does. Track scripts count rise and fall in runs (<see cref="RiseFall"/>); these delays are their counterpart
/// for trackers that report changes the moment they happen.
/// </summary>
internal sealed class DebouncedTracker : TrackerBase
{
    private readonly ITracker _inner;
    private readonly DebounceSettings _settings;
    private readonly TimeProvider _time;
    private ITimer? _timer;
    private TrackerStatus? _pending;
    private long _generation;
    private long _innerChanges;
    private bool _initialized;

    public DebouncedTracker(ITracker inner, DebounceSettings settings, TimeProvider time, ILogger? logger = null)
        : base(inner?.Name ?? throw new ArgumentNullException(nameof(inner)), inner.Status, logger)
    {
        _inner = inner;
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        // The changes that count are this tracker's to log; the inner one's raw flips are logged as waiting or reverted.
        (inner as TrackerBase)?.QuietChanges();
    }

    /// <summary>Whether the change from <paramref name="from"/> to <paramref name="to"/> lowers what the tracker gives the priority (a fall) rather than raising it (pure).</summary>
    public static bool IsFall(TrackerStatus from, TrackerStatus to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return Contribution(to) < Contribution(from);
    }

    protected override void OnStart()
    {
        _inner.Start(OnInnerChanged);
        _ = FollowInitializationAsync();
    }

    protected override async ValueTask OnDisposeAsync()
    {
        lock (Gate)
        {
            CancelPending();
        }

        await _inner.DisposeAsync();
    }

    /// <summary>What one status alone gives a priority of 127: lower is worse, a fault worst of all.</summary>
    private static int Contribution(TrackerStatus status) => EffectivePriority.Compute(127, [status], out _) ?? int.MinValue;

    private static bool SamePriority(TrackerStatus a, TrackerStatus b) => a.IsUp == b.IsUp && a.Weight == b.Weight && a.Adjustment == b.Adjustment;

    private async Task FollowInitializationAsync()
    {
        await _inner.Initialized;
        // Read outside the gate: the inner tracker calls in holding its own lock, so never take them the other way round.
        long seen;
        lock (Gate)
        {
            seen = _innerChanges;
        }

        var first = _inner.Status;
        lock (Gate)
        {
            // The first reading is what the tracker found, not a change: it counts at once. A change raised between the
            // read and here passed straight through (not initialized yet) and is newer: it stays.
            _initialized = true;
            Publish(_innerChanges == seen ? first : Status, logAlways: true);
        }

        MarkInitialized();
    }

    private void OnInnerChanged(TrackerStatus next)
    {
        lock (Gate)
        {
            if (IsDisposed)
            {
                return;
            }

            _innerChanges++;
            var current = Status;
            if (!_initialized || SamePriority(next, current))
            {
                if (_pending is not null)
                {
                    TrackingLog.ChangeReverted(Logger, Name, next.Detail);
                }

                // Before the first reading, or back to what is in force within the delay: nothing waits.
                CancelPending();
                Publish(next);
                return;
            }

            if (_pending is { } pending && SamePriority(pending, next))
            {
                // The same change with a new detail: its delay keeps running from when it began.
                _pending = next;
                return;
            }

            var fall = IsFall(current, next);
            var delay = fall ? _settings.FallDelay : _settings.RiseDelay;
            CancelPending();
            if (delay <= TimeSpan.Zero)
            {
                Publish(next);
                return;
            }

            _pending = next;
            var generation = _generation;
            _timer = _time.CreateTimer(_ => OnDelayElapsed(generation), null, delay, Timeout.InfiniteTimeSpan);
            TrackingLog.ChangeWaiting(Logger, Name, next.Detail, delay.TotalSeconds, fall ? "fall" : "rise");
        }
    }

    private void OnDelayElapsed(long generation)
    {
        // The inner tracker keeps a newer detail of the same state without raising it; read outside the gate.
        var latest = _inner.Status;
        lock (Gate)
        {
            // A timer cancelled while its callback was already on its way finds a newer generation.
            if (IsDisposed || generation != _generation || _pending is not { } next)
            {
                return;
            }

            CancelPending();
            Publish(SamePriority(latest, next) ? latest : next);
        }
    }

    private void CancelPending()
    {
        _generation++;
        _timer?.Dispose();
        _timer = null;
        _pending = null;
    }
}
