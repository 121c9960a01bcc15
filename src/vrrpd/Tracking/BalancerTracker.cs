using HaKube.Common.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Tracker (d): follows the local tcplb through its admin socket's <c>readiness</c> topic, pushed by tcplb on
/// every change (no polling), and maps each event by the table of docs/readiness-stream.md
/// (<see cref="BalancerReadiness"/>). When the socket is missing, refuses, or the stream ends, the tracker says
/// so at once (a fault by default) and reconnects with a doubling back-off; the socket file appearing in its
/// directory cuts the wait short, so a restarted tcplb is followed again as soon as it listens.
/// </summary>
internal sealed class BalancerTracker : ITracker
{
    private static readonly AdminClientOptions ClientOptions = new() { DaemonName = "tcplb" };

    private readonly BalancerTrackerSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<TrackerStatus> _changed = static _ => { };
    private TaskCompletionSource _socketAppeared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FileSystemWatcher? _directory;
    private TrackerStatus _status;
    private Task? _loop;
    private bool _disposed;

    public BalancerTracker(BalancerTrackerSettings settings, TimeProvider time, ILogger? logger = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        ArgumentException.ThrowIfNullOrEmpty(settings.AdminSocket);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
        _status = BalancerReadiness.Gone(settings.Name, "not connected yet", settings.NoHealthyBackendWeight, settings.FaultWhenGone);
    }

    public string Name => _settings.Name;

    /// <summary>The settings in force (the instance's weight override applied).</summary>
    public BalancerTrackerSettings Settings => _settings;

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

    /// <summary>Completes with the first readiness event or the first failure to get one.</summary>
    public Task Initialized => _initialized.Task;

    public void Start(Action<TrackerStatus> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_loop is not null)
            {
                throw new InvalidOperationException($"tracker {Name} is already started");
            }

            _changed = changed;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(_settings.AdminSocket))!;
        if (Directory.Exists(directory))
        {
            _directory = new FileSystemWatcher(directory, Path.GetFileName(_settings.AdminSocket)) { NotifyFilter = NotifyFilters.FileName };
            _directory.Created += OnSocketCreated;
            _directory.Renamed += OnSocketCreated;
            _directory.EnableRaisingEvents = true;
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
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
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _directory?.Dispose();
        _stop.Dispose();
        _initialized.TrySetResult();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var delay = _settings.MinBackoff;
        var reported = false;
        while (!ct.IsCancellationRequested)
        {
            string reason;
            try
            {
                await foreach (var readiness in AdminClient.SubscribeAsync(_settings.AdminSocket, ReadinessEvent.Topic, ReadinessJsonContext.Default.ReadinessEvent, ClientOptions, ct))
                {
                    Apply(BalancerReadiness.FromEvent(Name, readiness, _settings.NoHealthyBackendWeight, _settings.FaultWhenGone));
                    delay = _settings.MinBackoff; // a stream that delivered resets the back-off
                    reported = false;
                }

                reason = "tcplb ended the readiness stream";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (AdminClientException e)
            {
                reason = e.Message;
            }
            catch (IOException e)
            {
                // A reset while the request is written: tcplb went away under us.
                reason = $"connection to {_settings.AdminSocket} failed: {e.Message}";
            }
            catch (System.Net.Sockets.SocketException e)
            {
                reason = $"connection to {_settings.AdminSocket} failed: {e.Message}";
            }

            Apply(BalancerReadiness.Gone(Name, reason, _settings.NoHealthyBackendWeight, _settings.FaultWhenGone));
            if (!reported)
            {
                // Once per outage, not once per attempt.
                TrackingLog.BalancerUnavailable(_logger, Name, _settings.AdminSocket, reason, (long)delay.TotalMilliseconds);
                reported = true;
            }

            if (!await WaitToRetryAsync(delay, ct))
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxBackoff.Ticks));
        }
    }

    /// <summary>Waits out the back-off, or less when the socket file appears; false when stopping.</summary>
    private async Task<bool> WaitToRetryAsync(TimeSpan delay, CancellationToken ct)
    {
        Task appeared;
        lock (_gate)
        {
            appeared = _socketAppeared.Task;
        }

        var wait = Task.Delay(delay, _time, ct);
        await Task.WhenAny(wait, appeared);
        if (ct.IsCancellationRequested)
        {
            return false;
        }

        lock (_gate)
        {
            if (_socketAppeared.Task.IsCompleted)
            {
                _socketAppeared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return true;
    }

    private void OnSocketCreated(object sender, FileSystemEventArgs e)
    {
        lock (_gate)
        {
            _socketAppeared.TrySetResult();
        }
    }

    private void Apply(TrackerStatus next)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var differs = next.IsUp != _status.IsUp || next.Weight != _status.Weight || next.Adjustment != _status.Adjustment;
            _status = next;
            if (differs)
            {
                TrackingLog.Changed(_logger, next);
                _changed(next);
            }
        }

        _initialized.TrySetResult();
    }
}
