using System.Globalization;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    private readonly HashSet<string> _groupFaults = new(StringComparer.Ordinal);
    private bool _ownFaulted;
    private byte _groupCeiling = VrrpConstants.PriorityOwner;
    private byte _reportedOwnPriority;

    /// <summary>The interface's carrier: a link that goes down is a fault (unless dont_track_primary).</summary>
    private async Task OnLinkChangedAsync(LinkInfo link)
    {
        if (link.Index != Settings.InterfaceIndex || link.IsUsable == _linkUsable)
        {
            return;
        }

        _linkUsable = link.IsUsable;
        Log.LinkChanged(_logger, Name, Settings.InterfaceName, link.IsUsable);
        await ApplyHealthAsync();
    }

    /// <summary>Feeds the trackers' and the link's verdict to the state machine: fault first, priority, then fault cleared.</summary>
    private async Task ApplyHealthAsync()
    {
        var health = Health();
        ReportOwnHealth(health);

        if (health.Faulted && !_state.Faulted)
        {
            Log.Faulted(_logger, Name, health.Describe());
            await StepAsync(VrrpEvent.Fault);
        }

        if (health.Priority != _state.Priority)
        {
            Log.PriorityChanged(_logger, Name, _state.Priority, health.Priority);
            await StepAsync(VrrpEvent.PriorityChanged(health.Priority));
        }

        if (!health.Faulted && _state.Faulted)
        {
            Log.FaultCleared(_logger, Name);
            await StepAsync(VrrpEvent.FaultCleared);
        }
    }

    /// <summary>Tells the daemon (for the sync group) when this instance's own fault or own priority changed.</summary>
    private void ReportOwnHealth(HealthVerdict health)
    {
        if (health.OwnFault != _ownFaulted)
        {
            _ownFaulted = health.OwnFault;
            _context.OwnFaultChanged?.Invoke(Name, health.OwnFault);
        }

        var own = health.OwnFault ? (byte)0 : health.OwnPriority;
        if (own != _reportedOwnPriority)
        {
            _reportedOwnPriority = own;
            _context.OwnPriorityChanged?.Invoke(Name, own);
        }
    }

    /// <summary>vrrp_sync_group: the most this member may advertise (the group's weakest member's priority).</summary>
    private async Task OnGroupCeilingAsync(byte ceiling)
    {
        if (ceiling == _groupCeiling)
        {
            return;
        }

        _groupCeiling = ceiling;
        await ApplyHealthAsync();
    }

    private HealthVerdict Health()
    {
        var basePriority = Settings.Machine.Priority;
        var computed = Tracking.EffectivePriority.Compute(basePriority, _trackerStatus.Values, out var faultedBy);
        var reasons = new List<string>(faultedBy);
        if (!_linkUsable && Settings.TrackInterface)
        {
            reasons.Insert(0, string.Create(CultureInfo.InvariantCulture, $"link {Settings.InterfaceName} down"));
        }

        var own = reasons.Count > 0;
        if (_groupFaults.Count > 0)
        {
            // vrrp_sync_group: one member's fault is the whole group's.
            reasons.Add("sync group member in fault: " + string.Join(", ", _groupFaults.Order(StringComparer.Ordinal)));
        }

        var ownPriority = (byte)(computed ?? basePriority);
        // The owner (255) always advertises 255 (RFC 5798 6.4.1); any other member no more than its group's weakest.
        var priority = ownPriority == VrrpConstants.PriorityOwner ? ownPriority : Math.Min(ownPriority, _groupCeiling);
        return new HealthVerdict(priority, ownPriority, reasons.Count > 0, own, reasons);
    }

    private sealed record HealthVerdict(byte Priority, byte OwnPriority, bool Faulted, bool OwnFault, IReadOnlyList<string> Reasons)
    {
        public string Describe() => string.Join(", ", Reasons);
    }
}
