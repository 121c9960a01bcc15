namespace HaKube.Vrrpd.Notify;

/// <summary>The state a notify reports, with Keepalived's words (MASTER, BACKUP, FAULT, STOP); RFC 9568 calls Master Active.</summary>
internal enum NotifyState
{
    /// <summary>Became master: notify_master, generic "MASTER".</summary>
    Master,

    /// <summary>Became backup: notify_backup, generic "BACKUP".</summary>
    Backup,

    /// <summary>Entered fault: notify_fault, generic "FAULT".</summary>
    Fault,

    /// <summary>The instance (or group) stops with the daemon: notify_stop, generic "STOP".</summary>
    Stop,
}
