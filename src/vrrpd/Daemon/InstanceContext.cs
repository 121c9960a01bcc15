using HaKube.Vrrpd.Platform;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Daemon;

/// <summary>What the daemon shares with every instance: clock, netlink, the address and resign records, logging, hooks.</summary>
internal sealed record InstanceContext
{
    public required TimeProvider Time { get; init; }

    public required RtnetlinkClient Rtnetlink { get; init; }

    public required AddressRecord Record { get; init; }

    /// <summary>The priority-0 adverts `vrrpd --release` sends for the instances that are master should the daemon die.</summary>
    public required ResignRecord Resignations { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>
    /// Called on the instance's loop after every state change. Notify scripts plug in here (the Notify runner);
    /// keep it short and never block.
    /// </summary>
    public Action<InstanceStateChange>? StateChanged { get; init; }

    /// <summary>Called on the instance's loop when its own fault (link, trackers; not its sync group's) starts or ends: (instance, faulted).</summary>
    public Action<string, bool>? OwnFaultChanged { get; init; }

    /// <summary>Called on the instance's loop when its own effective priority (trackers, before its sync group's ceiling) changes: (instance, priority; 0 while in its own fault).</summary>
    public Action<string, byte>? OwnPriorityChanged { get; init; }
}
