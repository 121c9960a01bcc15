namespace HaKube.Vrrpd.StateMachine;

/// <summary>Why a state changed, for notify scripts, logs and status.</summary>
internal enum VrrpTransitionReason : byte
{
    /// <summary>No transition yet.</summary>
    None = 0,

    /// <summary>Startup event (RFC 5798 6.4.1).</summary>
    Startup,

    /// <summary>Priority 255 at startup: the address owner becomes Master at once (RFC 5798 6.4.1).</summary>
    AddressOwner,

    /// <summary>Master_Down_Timer fired (RFC 5798 6.4.2).</summary>
    MasterDown,

    /// <summary>The Master resigned with priority 0 and fast takeover is on.</summary>
    PriorityZeroReceived,

    /// <summary>Preempt_Delay ran out while a lower-priority Master was still advertising.</summary>
    PreemptDelayElapsed,

    /// <summary>A higher priority (or equal with a higher address) advertised (RFC 5798 6.4.3).</summary>
    HigherPriorityAdvert,

    /// <summary>Shutdown event (RFC 5798 6.4.2, 6.4.3).</summary>
    Shutdown,

    /// <summary>A tracker reported a fault, or the effective priority fell to 0.</summary>
    Fault,

    /// <summary>The fault cleared.</summary>
    FaultCleared,

    /// <summary>Maintenance switched on: resign and stay Backup.</summary>
    Maintenance,

    /// <summary>Forced by the sync group (vrrp_sync_group): another member changed state on its own.</summary>
    SyncGroup,
}
