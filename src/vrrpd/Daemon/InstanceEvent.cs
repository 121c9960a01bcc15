using System.Runtime.InteropServices;
using HaKube.Vrrpd.Daemon.Admin;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.StateMachine;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Daemon;

/// <summary>One item on an instance's channel; which fields matter depends on <see cref="Kind"/>.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct InstanceEvent
{
    public InstanceEventKind Kind { get; private init; }

    public VrrpEvent Machine { get; private init; }

    public TrackerStatus? Tracker { get; private init; }

    public LinkInfo? Link { get; private init; }

    public InterfaceAddress? Address { get; private init; }

    /// <summary>Garp timers: the mastership they were armed in; a fire from an older one is stale.</summary>
    public int Generation { get; private init; }

    /// <summary>SyncGroupFault: the member whose fault this is.</summary>
    public string? Member { get; private init; }

    /// <summary>SyncGroupCeiling: the most the instance may advertise.</summary>
    public byte Ceiling { get; private init; }

    /// <summary>Maintenance and SyncGroupFault: on or off.</summary>
    public bool On { get; private init; }

    /// <summary>Maintenance and Stop: completed once handled.</summary>
    public TaskCompletionSource? Done { get; private init; }

    /// <summary>Status: receives the snapshot.</summary>
    public TaskCompletionSource<InstanceStatus>? StatusReply { get; private init; }

    public static InstanceEvent ForMachine(in VrrpEvent e) => new() { Kind = InstanceEventKind.Machine, Machine = e };

    public static InstanceEvent TrackerChanged(TrackerStatus status) => new() { Kind = InstanceEventKind.TrackerChanged, Tracker = status };

    public static InstanceEvent LinkChanged(LinkInfo link) => new() { Kind = InstanceEventKind.LinkChanged, Link = link };

    public static InstanceEvent AddressRemoved(InterfaceAddress address) => new() { Kind = InstanceEventKind.AddressRemoved, Address = address };

    public static InstanceEvent Resync { get; } = new() { Kind = InstanceEventKind.Resync };

    public static InstanceEvent Heartbeat { get; } = new() { Kind = InstanceEventKind.Heartbeat };

    public static InstanceEvent Garp(InstanceEventKind kind, int generation) => new() { Kind = kind, Generation = generation };

    public static InstanceEvent Maintenance(bool on, TaskCompletionSource done) => new() { Kind = InstanceEventKind.Maintenance, On = on, Done = done };

    public static InstanceEvent SyncGroupFault(string member, bool on) => new() { Kind = InstanceEventKind.SyncGroupFault, Member = member, On = on };

    public static InstanceEvent SyncGroupCeiling(byte ceiling) => new() { Kind = InstanceEventKind.SyncGroupCeiling, Ceiling = ceiling };

    public static InstanceEvent Status(TaskCompletionSource<InstanceStatus> reply) => new() { Kind = InstanceEventKind.Status, StatusReply = reply };

    public static InstanceEvent Stop(TaskCompletionSource done) => new() { Kind = InstanceEventKind.Stop, Done = done };
}
