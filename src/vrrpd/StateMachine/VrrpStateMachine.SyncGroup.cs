namespace HaKube.Vrrpd.StateMachine;

internal static partial class VrrpStateMachine
{
    /// <summary>
    /// vrrp_sync_group: another member became Master on its own, so this one takes over too, as Keepalived's
    /// vrrp_sync_master. Not when a live Master beats us (higher priority, or equal with a higher address): our
    /// advert would only be answered and we would fall back; we follow when that Master resigns.
    /// </summary>
    private static VrrpInstanceState OnSyncGroupMaster(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (state.State != VrrpState.Backup || state.IsFaulted || state.Maintenance || BeatenByKnownMaster(settings, state))
        {
            return state;
        }

        return BecomeMaster(settings, state, VrrpTransitionReason.SyncGroup, now, ref actions);
    }

    /// <summary>
    /// vrrp_sync_group: another member was preempted, so this Master leaves too (Keepalived's vrrp_sync_backup). It
    /// resigns as on Shutdown, addresses first and then priority 0 (RFC 5798 6.4.3), so its peer takes over without
    /// waiting Master_Down_Interval, and holds back from preempting that peer while the group is Backup.
    /// </summary>
    private static VrrpInstanceState OnSyncGroupBackup(VrrpMachineSettings settings, in VrrpInstanceState state, DateTimeOffset now, ref VrrpActionList actions)
    {
        if (state.State != VrrpState.Master)
        {
            return state;
        }

        Resign(ref actions);
        var next = EnterBackup(settings, state, VrrpTransitionReason.SyncGroup, now, ref actions);
        return next with { SyncGroupHold = true, SyncGroupHoldPriority = 0 };
    }

    /// <summary>A Master we heard within Master_Down_Interval that wins the election against us (RFC 5798 6.4.3).</summary>
    private static bool BeatenByKnownMaster(VrrpMachineSettings settings, in VrrpInstanceState state) =>
        state.MasterAddress is { } master
        && (state.MasterPriority > state.Priority || (state.MasterPriority == state.Priority && master > settings.PrimaryAddress));
}
