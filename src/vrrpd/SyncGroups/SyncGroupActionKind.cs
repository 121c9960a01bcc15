namespace HaKube.Vrrpd.SyncGroups;

/// <summary>What the daemon must do after a sync group step, in the order the actions are listed.</summary>
internal enum SyncGroupActionKind : byte
{
    /// <summary>Tell <see cref="SyncGroupAction.Member"/> to follow the group to <see cref="SyncGroupAction.State"/> (Master or Backup).</summary>
    Force,

    /// <summary>Tell <see cref="SyncGroupAction.Member"/> that <see cref="SyncGroupAction.Culprit"/>'s own fault started or ended (<see cref="SyncGroupAction.Faulted"/>).</summary>
    MemberFault,

    /// <summary>Tell <see cref="SyncGroupAction.Member"/> the most it may advertise now (<see cref="SyncGroupAction.Priority"/>; 255: no limit).</summary>
    PriorityCeiling,

    /// <summary>The group entered <see cref="SyncGroupAction.State"/>: run its notify scripts (Initialize: notify_stop).</summary>
    GroupChanged,
}
