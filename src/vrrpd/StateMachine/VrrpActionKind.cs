namespace HaKube.Vrrpd.StateMachine;

/// <summary>What the adapter must do after a step, in the order the actions are listed.</summary>
internal enum VrrpActionKind : byte
{
    /// <summary>Send an advertisement with <see cref="VrrpAction.Priority"/>.</summary>
    SendAdvert,

    /// <summary>Add the virtual addresses to the interface.</summary>
    AddVirtualAddresses,

    /// <summary>Remove the virtual addresses from the interface.</summary>
    RemoveVirtualAddresses,

    /// <summary>Send gratuitous ARPs / unsolicited neighbour advertisements (a burst, as configured).</summary>
    SendGratuitousArps,

    /// <summary>(Re)arm the Master_Down_Timer for <see cref="VrrpAction.At"/>.</summary>
    ArmMasterDownTimer,

    /// <summary>(Re)arm the Adver_Timer for <see cref="VrrpAction.At"/>.</summary>
    ArmAdvertTimer,

    /// <summary>Arm the preempt-delay timer for <see cref="VrrpAction.At"/>.</summary>
    ArmPreemptDelayTimer,

    /// <summary>Cancel every timer of the instance.</summary>
    CancelTimers,

    /// <summary>Cancel the preempt-delay timer only (a Master at our priority or above ended the wait).</summary>
    CancelPreemptDelayTimer,

    /// <summary>
    /// Write this instance's resign record: the priority-0 adverts `vrrpd --release` sends for it should the daemon die
    /// while it is Master (SIGKILL, OOM), so the backup takes over at once rather than after Master_Down_Interval.
    /// </summary>
    RecordResignation,

    /// <summary>Delete this instance's resign record; always before the addresses go, on every way out of Master.</summary>
    ForgetResignation,

    /// <summary>The state changed from <see cref="VrrpAction.From"/> to <see cref="VrrpAction.To"/> because of <see cref="VrrpAction.Reason"/>.</summary>
    StateChanged,
}
