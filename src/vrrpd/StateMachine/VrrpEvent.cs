using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.StateMachine;

/// <summary>
/// An input to <see cref="VrrpStateMachine.Step"/>. Timer events carry the deadline of the arm
/// action that started the timer, so a fire that raced with a re-arm is recognised and ignored.
/// </summary>
internal readonly record struct VrrpEvent
{
    public VrrpEventKind Kind { get; private init; }

    /// <summary>AdvertReceived: the sender's priority; PriorityChanged: the new effective priority.</summary>
    public byte Priority { get; private init; }

    /// <summary>AdvertReceived: the advert's interval in centiseconds.</summary>
    public int AdvertisementIntervalCentiseconds { get; private init; }

    /// <summary>AdvertReceived: the sender's IP source address (its primary address).</summary>
    public VrrpAddress Source { get; private init; }

    /// <summary>Timer events: the <see cref="VrrpAction.At"/> of the action that armed the timer.</summary>
    public DateTimeOffset Deadline { get; private init; }

    public static VrrpEvent Startup { get; } = new() { Kind = VrrpEventKind.Startup };

    public static VrrpEvent Shutdown { get; } = new() { Kind = VrrpEventKind.Shutdown };

    public static VrrpEvent Fault { get; } = new() { Kind = VrrpEventKind.Fault };

    public static VrrpEvent FaultCleared { get; } = new() { Kind = VrrpEventKind.FaultCleared };

    public static VrrpEvent MaintenanceOn { get; } = new() { Kind = VrrpEventKind.MaintenanceOn };

    public static VrrpEvent MaintenanceOff { get; } = new() { Kind = VrrpEventKind.MaintenanceOff };

    /// <summary>Another member of the sync group became Master on its own (vrrp_sync_group).</summary>
    public static VrrpEvent SyncGroupMaster { get; } = new() { Kind = VrrpEventKind.SyncGroupMaster };

    /// <summary>Another member of the sync group was preempted back to Backup (vrrp_sync_group).</summary>
    public static VrrpEvent SyncGroupBackup { get; } = new() { Kind = VrrpEventKind.SyncGroupBackup };

    /// <summary>An advert that passed <see cref="VrrpReceiveChecks"/>.</summary>
    public static VrrpEvent AdvertReceived(byte priority, int advertisementIntervalCentiseconds, VrrpAddress source) => new()
    {
        Kind = VrrpEventKind.AdvertReceived,
        Priority = priority,
        AdvertisementIntervalCentiseconds = advertisementIntervalCentiseconds,
        Source = source,
    };

    public static VrrpEvent MasterDownTimerFired(DateTimeOffset deadline) => new() { Kind = VrrpEventKind.MasterDownTimerFired, Deadline = deadline };

    public static VrrpEvent AdvertTimerFired(DateTimeOffset deadline) => new() { Kind = VrrpEventKind.AdvertTimerFired, Deadline = deadline };

    public static VrrpEvent PreemptDelayElapsed(DateTimeOffset deadline) => new() { Kind = VrrpEventKind.PreemptDelayElapsed, Deadline = deadline };

    /// <summary>The effective priority from the trackers; 0 means fault.</summary>
    public static VrrpEvent PriorityChanged(byte priority) => new() { Kind = VrrpEventKind.PriorityChanged, Priority = priority };
}
