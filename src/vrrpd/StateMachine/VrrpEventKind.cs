namespace HaKube.Vrrpd.StateMachine;

/// <summary>What happened to a VRRP instance (RFC 5798 6.4 plus tracker and operator events).</summary>
internal enum VrrpEventKind : byte
{
    Startup,
    Shutdown,
    AdvertReceived,
    MasterDownTimerFired,
    AdvertTimerFired,
    PreemptDelayElapsed,
    PriorityChanged,
    Fault,
    FaultCleared,
    MaintenanceOn,
    MaintenanceOff,

    /// <summary>The instance's sync group went Master: follow unless a live Master beats us.</summary>
    SyncGroupMaster,

    /// <summary>The instance's sync group went Backup: a Master resigns and holds back from preempting.</summary>
    SyncGroupBackup,
}
