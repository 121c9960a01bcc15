using HaKube.Vrrpd.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Follows one interface (track_interface) through netlink link events, so a lost carrier is seen at once.
/// Up means usable: administratively up, running (carrier) and operstate up or unknown; no carrier, not
/// running, or the link removed (or renamed away) is down. Weight 0 (Keepalived's default for
/// track_interface) makes down a fault. The state is read once at <see cref="Start"/> and again whenever the
/// monitor reports lost events.
/// </summary>
internal sealed class InterfaceTracker : ITracker
{
    private readonly ILinkStateSource _links;
    private readonly ILogger _logger;
    private readonly int _weight;
    private readonly bool _reverse;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<TrackerStatus> _changed = static _ => { };
    private TrackerStatus _status;
    private int _index;
    private long _events;
    private bool _started;
    private bool _disposed;

    public InterfaceTracker(string interfaceName, int weight, bool weightReverse, ILinkStateSource links, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        Name = interfaceName;
        _weight = weight;
        _reverse = weightReverse;
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _logger = logger ?? NullLogger.Instance;
        _status = Make(false, "link state not read yet");
    }

    /// <summary>The interface name.</summary>
    public string Name { get; }

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

    /// <summary>Completes after the first read of the link.</summary>
    public Task Initialized => _initialized.Task;

    public void Start(Action<TrackerStatus> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException($"tracker {Name} is already started");
            }

            _started = true;
            _changed = changed;
        }

        // Subscribe before reading, so a change during the read is not lost (the read then yields to it).
        _links.LinkChanged += OnLinkChanged;
        _links.LinkRemoved += OnLinkRemoved;
        _links.Overrun += OnOverrun;
        _ = ReadAsync();
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            _disposed = true;
        }

        _links.LinkChanged -= OnLinkChanged;
        _links.LinkRemoved -= OnLinkRemoved;
        _links.Overrun -= OnOverrun;
        _stop.Cancel();
        _stop.Dispose();
        _initialized.TrySetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>Keepalived's track_interface reading of a link (pure).</summary>
    public static bool IsUp(LinkInfo? link, out string detail)
    {
        if (link is null)
        {
            detail = "no such interface";
            return false;
        }

        detail = link.IsUsable ? "link up"
            : !link.IsUp ? "administratively down"
            : !link.HasCarrier ? "no carrier"
            : !link.IsRunning ? "not running"
            : $"operstate {link.OperationalState}";
        return link.IsUsable;
    }

    private void OnLinkChanged(object? sender, LinkInfo link)
    {
        bool ours;
        lock (_gate)
        {
            ours = link.Name == Name || (_index != 0 && link.Index == _index);
            if (ours)
            {
                _events++;
            }
        }

        if (ours)
        {
            Apply(link.Name == Name ? link : null, link.Name == Name ? null : $"renamed to {link.Name}");
        }
    }

    private void OnLinkRemoved(object? sender, LinkInfo link)
    {
        bool ours;
        lock (_gate)
        {
            ours = link.Name == Name || (_index != 0 && link.Index == _index);
            if (ours)
            {
                _events++;
            }
        }

        if (ours)
        {
            Apply(null, "interface removed");
        }
    }

    private void OnOverrun(object? sender, EventArgs e)
    {
        TrackingLog.LinkOverrun(_logger, Name, Name);
        _ = ReadAsync();
    }

    private async Task ReadAsync()
    {
        long before;
        CancellationToken ct;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            before = _events;
            ct = _stop.Token;
        }

        try
        {
            var link = await _links.GetLinkAsync(Name, ct);
            bool stale;
            lock (_gate)
            {
                // An event that arrived while the dump ran is newer than the dump.
                stale = _events != before;
            }

            if (!stale)
            {
                Apply(link, null);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // Reported; the tracker keeps its last state and events keep flowing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            TrackingLog.LinkReadFailed(_logger, Name, Name, e);
        }
        finally
        {
            _initialized.TrySetResult();
        }
    }

    private void Apply(LinkInfo? link, string? why)
    {
        var up = IsUp(link, out var detail);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (link is not null)
            {
                _index = link.Index;
            }

            var next = Make(up, why ?? detail);
            var flipped = next.IsUp != _status.IsUp;
            _status = next;
            if (flipped)
            {
                // Under the gate: changes reach the daemon in order, whichever thread saw them.
                TrackingLog.Changed(_logger, next);
                _changed(next);
            }
        }
    }

    private TrackerStatus Make(bool up, string detail) => new(Name, TrackerKind.Interface, up, _weight, Detail: detail, WeightReverse: _reverse);
}
