using HaKube.Vrrpd.Platform;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Follows one interface (track_interface) through netlink link events, so a lost carrier is seen at once.
/// Up means usable: administratively up, running (carrier) and operstate up or unknown; no carrier, not
/// running, or the link removed (or renamed away) is down. Weight 0 (Keepalived's default for
/// track_interface) makes down a fault. The state is read once at <see cref="TrackerBase.Start"/> and again
/// whenever the monitor reports lost events.
/// </summary>
internal sealed class InterfaceTracker : TrackerBase
{
    private readonly ILinkStateSource _links;
    private readonly int _weight;
    private readonly bool _reverse;
    private readonly CancellationTokenSource _stop = new();
    private int _index;
    private long _events;

    public InterfaceTracker(string interfaceName, int weight, bool weightReverse, ILinkStateSource links, ILogger? logger = null)
        : base(interfaceName, Make(interfaceName, weight, weightReverse, false, "link state not read yet"), logger)
    {
        _weight = weight;
        _reverse = weightReverse;
        _links = links ?? throw new ArgumentNullException(nameof(links));
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

    protected override void OnStart()
    {
        // Subscribe before reading, so a change during the read is not lost (the read then yields to it).
        _links.LinkChanged += OnLinkChanged;
        _links.LinkRemoved += OnLinkRemoved;
        _links.Overrun += OnOverrun;
        _ = ReadAsync();
    }

    protected override ValueTask OnDisposeAsync()
    {
        _links.LinkChanged -= OnLinkChanged;
        _links.LinkRemoved -= OnLinkRemoved;
        _links.Overrun -= OnOverrun;
        _stop.Cancel();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnLinkChanged(object? sender, LinkInfo link)
    {
        if (Counts(link))
        {
            Apply(link.Name == Name ? link : null, link.Name == Name ? null : $"renamed to {link.Name}");
        }
    }

    private void OnLinkRemoved(object? sender, LinkInfo link)
    {
        if (Counts(link))
        {
            Apply(null, "interface removed");
        }
    }

    /// <summary>An event about our interface (by name, or by index once renamed); counted, so a dump running meanwhile knows it is stale.</summary>
    private bool Counts(LinkInfo link)
    {
        lock (Gate)
        {
            var ours = link.Name == Name || (_index != 0 && link.Index == _index);
            if (ours)
            {
                _events++;
            }

            return ours;
        }
    }

    private void OnOverrun(object? sender, EventArgs e)
    {
        TrackingLog.LinkOverrun(Logger, Name, Name);
        _ = ReadAsync();
    }

    private async Task ReadAsync()
    {
        long before;
        CancellationToken ct;
        lock (Gate)
        {
            if (IsDisposed)
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
            lock (Gate)
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
            TrackingLog.LinkReadFailed(Logger, Name, Name, e);
        }
        finally
        {
            MarkInitialized();
        }
    }

    private void Apply(LinkInfo? link, string? why)
    {
        var up = IsUp(link, out var detail);
        lock (Gate)
        {
            if (IsDisposed)
            {
                return;
            }

            if (link is not null)
            {
                _index = link.Index;
            }

            Publish(Make(Name, _weight, _reverse, up, why ?? detail));
        }
    }

    private static TrackerStatus Make(string name, int weight, bool reverse, bool up, string detail) =>
        new(name, TrackerKind.Interface, up, weight, Detail: detail, WeightReverse: reverse);
}
