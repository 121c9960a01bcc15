using HaKube.Common.Admin;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Tracker (d): follows the local tcplb through its admin socket's <c>readiness</c> topic, pushed by tcplb on
/// every change (no polling), and maps each event by the table of docs/readiness-stream.md
/// (<see cref="BalancerReadiness"/>). When the socket is missing, refuses, or the stream ends, the tracker says
/// so at once (a fault by default) and reconnects with a doubling back-off while the socket file is missing; the file
/// appearing in its directory cuts the wait short, and while it exists but refuses (tcplb starting, or a file a dead
/// tcplb left) the tracker polls at the shortest wait, so a restarted tcplb is followed again as soon as it listens.
/// </summary>
internal sealed class BalancerTracker : TrackerBase
{
    private static readonly AdminClientOptions ClientOptions = new() { DaemonName = "tcplb" };

    private readonly BalancerTrackerSettings _settings;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _socketAppeared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FileSystemWatcher? _directory;
    private Task? _loop;

    public BalancerTracker(BalancerTrackerSettings settings, TimeProvider time, ILogger? logger = null)
        : base(Checked(settings).Name, BalancerReadiness.Gone(settings.Name, "not connected yet", settings.NoHealthyBackendWeight, settings.FaultWhenGone), logger)
    {
        _settings = settings;
        ArgumentException.ThrowIfNullOrEmpty(settings.AdminSocket);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The settings in force (the instance's weight override applied).</summary>
    public BalancerTrackerSettings Settings => _settings;

    protected override void OnStart()
    {
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

    protected override async ValueTask OnDisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _directory?.Dispose();
        _stop.Dispose();
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

            // A socket file that refuses belongs to a tcplb that is starting (it binds, then listens: the file appears
            // before connections are taken, and no second file event follows) or to one that died and left it behind.
            // Either way a connect costs next to nothing, so poll it at the shortest wait: a restarted tcplb is followed
            // within that wait, not after a grown back-off during which this node could not take over the VIP.
            var wait = File.Exists(_settings.AdminSocket) ? _settings.MinBackoff : delay;
            if (!reported)
            {
                // Once per outage, not once per attempt.
                TrackingLog.BalancerUnavailable(Logger, Name, _settings.AdminSocket, reason, (long)wait.TotalMilliseconds);
                reported = true;
            }

            if (!await WaitToRetryAsync(wait, ct))
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
        lock (Gate)
        {
            appeared = _socketAppeared.Task;
        }

        var wait = Task.Delay(delay, _time, ct);
        await Task.WhenAny(wait, appeared);
        if (ct.IsCancellationRequested)
        {
            return false;
        }

        lock (Gate)
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
        lock (Gate)
        {
            _socketAppeared.TrySetResult();
        }
    }

    private void Apply(TrackerStatus next)
    {
        Publish(next);
        MarkInitialized();
    }

    private static BalancerTrackerSettings Checked(BalancerTrackerSettings settings) => settings ?? throw new ArgumentNullException(nameof(settings));
}
