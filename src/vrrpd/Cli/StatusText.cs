using System.Globalization;
using System.Text;
using HaKube.Vrrpd.Daemon.Admin;

namespace HaKube.Vrrpd.Cli;

/// <summary>The human form of `vrrpd status`.</summary>
internal static class StatusText
{
    public static string Format(DaemonStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"vrrpd pid {status.Pid}, {status.ConfigPath}, up since {status.StartedAt:u}");
        if (status.RouterId is { } routerId)
        {
            text.Append(c, $", router_id {routerId}");
        }

        text.Append(status.Maintenance ? ", MAINTENANCE ON" : "").Append('\n');
        foreach (var i in status.Instances)
        {
            text.Append('\n');
            text.Append(c, $"instance {i.Name}: {i.State.ToUpperInvariant()}{(i.Maintenance ? " (maintenance)" : "")}\n");
            text.Append(c, $"  interface {i.Interface}, VRID {i.VirtualRouterId}, VRRPv{i.Version}, source {i.SourceAddress}, ");
            text.Append(i.Peers.Count == 0 ? "multicast" : "unicast to " + string.Join(' ', i.Peers)).Append('\n');
            text.Append(c, $"  priority {i.EffectivePriority} (base {i.BasePriority})");
            if (i.Faulted)
            {
                text.Append(c, $", FAULT: {string.Join(", ", i.FaultReasons)}");
            }

            text.Append('\n');
            text.Append(c, $"  master {i.MasterAddress ?? "unknown"}{(i.MasterAddress is null ? "" : string.Create(c, $" (priority {i.MasterPriority})"))}\n");
            text.Append(c, $"  virtual addresses {string.Join(' ', i.VirtualAddresses)}{(i.State == "Master" ? " (held)" : "")}\n");
            foreach (var t in i.Trackers)
            {
                var effect = t.Adjustment is { } a ? string.Create(c, $"adjustment {a}") : t.Weight == 0 ? "fault when down" : string.Create(c, $"weight {t.Weight}");
                text.Append(c, $"  tracker {t.Name} ({t.Kind}): {(t.Up ? "up" : "DOWN")}, {effect}{(t.Detail.Length > 0 ? ": " + t.Detail : "")}\n");
            }

            text.Append(c, $"  adverts sent {i.AdvertsSent} (refused {i.AdvertSendFailures}), received {i.AdvertsReceived}\n");
            if (i.AddressListMismatches > 0)
            {
                text.Append(c, $"  received with another address list: {i.AddressListMismatches} (virtual_ipaddress differs between the nodes)\n");
            }
            if (i.Drops.Count > 0)
            {
                text.Append("  dropped: ").Append(string.Join(", ", i.Drops.Select(d => string.Create(c, $"{d.Key} {d.Value}")))).Append('\n');
            }

            if (i.LastTransition is { } last)
            {
                text.Append(c, $"  last transition {last.From} -> {last.To} at {last.At:u} ({last.Reason})\n");
            }
        }

        return text.ToString().TrimEnd('\n');
    }
}
