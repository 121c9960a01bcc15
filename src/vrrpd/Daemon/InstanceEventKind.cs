namespace HaKube.Vrrpd.Daemon;

/// <summary>What arrived on an instance's event channel.</summary>
internal enum InstanceEventKind : byte
{
    /// <summary>A state machine event: an accepted advert or a timer fire.</summary>
    Machine,

    /// <summary>A tracker's status changed.</summary>
    TrackerChanged,

    /// <summary>The instance's interface changed state (netlink).</summary>
    LinkChanged,

    /// <summary>An address disappeared from an interface (netlink).</summary>
    AddressRemoved,

    /// <summary>The netlink monitor lost events: re-read the link and re-assert the addresses.</summary>
    Resync,

    /// <summary>The next round of a spaced gratuitous ARP burst is due.</summary>
    GarpRound,

    /// <summary>The second burst after garp_master_delay is due.</summary>
    GarpSecondBurst,

    /// <summary>A periodic refresh burst (garp_master_refresh) is due.</summary>
    GarpRefresh,

    /// <summary>Operator maintenance on or off.</summary>
    Maintenance,

    /// <summary>A status query from the admin socket.</summary>
    Status,

    /// <summary>Another member of the instance's sync group entered or left a fault of its own.</summary>
    SyncGroupFault,

    /// <summary>The instance's sync group changed the most it may advertise (its weakest member's priority).</summary>
    SyncGroupCeiling,

    /// <summary>The watchdog asks whether the loop still turns (<see cref="LoopHeartbeat"/>).</summary>
    Heartbeat,

    /// <summary>Shut the instance down (priority 0, addresses removed) and end the loop.</summary>
    Stop,
}
