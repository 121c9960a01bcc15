namespace HaKube.Vrrpd.SyncGroups;

/// <summary>What the sync group coordinator hears about a member.</summary>
internal enum SyncGroupEventKind : byte
{
    /// <summary>The member's instance started (or restarted on a reload).</summary>
    MemberStarted,

    /// <summary>The member changed state (its state machine's StateChanged).</summary>
    MemberChanged,

    /// <summary>The member's own fault (link, trackers; not the group's) started or ended.</summary>
    OwnFaultChanged,

    /// <summary>The member's own effective priority (base and trackers, before the group's ceiling) changed.</summary>
    PriorityChanged,
}
