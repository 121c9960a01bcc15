using System.Globalization;
using HaKube.Vrrpd.Daemon.Admin;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    private InstanceStatus BuildStatus()
    {
        var drops = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in Enum.GetValues<VrrpDropReason>())
        {
            if (reason != VrrpDropReason.None && Counters[reason] is var count and > 0)
            {
                drops[reason.ToString()] = count;
            }
        }

        var health = Health();
        return new InstanceStatus
        {
            Name = Name,
            Interface = Settings.InterfaceName,
            VirtualRouterId = Settings.Receive.VirtualRouterId,
            Version = Settings.Machine.Version == VrrpVersion.V3 ? 3 : 2,
            State = _state.State.ToString(),
            BasePriority = Settings.Machine.Priority,
            EffectivePriority = _state.Priority,
            Faulted = _state.IsFaulted,
            FaultReasons = health.Reasons,
            Maintenance = _state.Maintenance,
            SourceAddress = Settings.SourceAddress.ToString(),
            Peers = [.. Settings.Peers.Select(p => p.ToString())],
            MasterAddress = _state.MasterAddress?.ToString(),
            MasterPriority = _state.State == VrrpState.Master ? _state.Priority : _state.MasterPriority,
            VirtualAddresses = [.. Settings.VirtualAddresses.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Address}/{a.PrefixLength}"))],
            Trackers = [.. _trackerStatus.Values.Select(t => new TrackerInfo(t.Name, t.Kind.ToString(), t.IsUp, t.Weight, t.Adjustment, t.Detail ?? ""))],
            AdvertsSent = AdvertsSent,
            AdvertSendFailures = AdvertSendFailures,
            AdvertsReceived = Counters.Accepted,
            AddressListMismatches = Counters.AddressListMismatches,
            Drops = drops,
            LastTransition = _lastTransition,
        };
    }
}
