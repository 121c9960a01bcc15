namespace HaKube.Vrrpd.StateMachine;

/// <summary>An output of <see cref="VrrpStateMachine.Step"/>; which fields matter depends on <see cref="Kind"/>.</summary>
internal readonly record struct VrrpAction
{
    public VrrpActionKind Kind { get; private init; }

    /// <summary>SendAdvert: the priority to put in the advert.</summary>
    public byte Priority { get; private init; }

    /// <summary>Arm*: when the timer fires, on the clock of the step's <c>now</c>.</summary>
    public DateTimeOffset At { get; private init; }

    /// <summary>Arm*: the same as a duration from the step's <c>now</c>, for TimeProvider.CreateTimer.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>StateChanged: the previous state.</summary>
    public VrrpState From { get; private init; }

    /// <summary>StateChanged: the new state.</summary>
    public VrrpState To { get; private init; }

    /// <summary>StateChanged: why.</summary>
    public VrrpTransitionReason Reason { get; private init; }

    public static VrrpAction AddVirtualAddresses { get; } = new() { Kind = VrrpActionKind.AddVirtualAddresses };

    public static VrrpAction RemoveVirtualAddresses { get; } = new() { Kind = VrrpActionKind.RemoveVirtualAddresses };

    public static VrrpAction SendGratuitousArps { get; } = new() { Kind = VrrpActionKind.SendGratuitousArps };

    public static VrrpAction RecordResignation { get; } = new() { Kind = VrrpActionKind.RecordResignation };

    public static VrrpAction ForgetResignation { get; } = new() { Kind = VrrpActionKind.ForgetResignation };

    public static VrrpAction CancelTimers { get; } = new() { Kind = VrrpActionKind.CancelTimers };

    public static VrrpAction CancelPreemptDelayTimer { get; } = new() { Kind = VrrpActionKind.CancelPreemptDelayTimer };

    public static VrrpAction SendAdvert(byte priority) => new() { Kind = VrrpActionKind.SendAdvert, Priority = priority };

    public static VrrpAction ArmMasterDownTimer(DateTimeOffset now, TimeSpan delay) => Arm(VrrpActionKind.ArmMasterDownTimer, now, delay);

    public static VrrpAction ArmAdvertTimer(DateTimeOffset now, TimeSpan delay) => Arm(VrrpActionKind.ArmAdvertTimer, now, delay);

    public static VrrpAction ArmPreemptDelayTimer(DateTimeOffset now, TimeSpan delay) => Arm(VrrpActionKind.ArmPreemptDelayTimer, now, delay);

    public static VrrpAction StateChanged(VrrpState from, VrrpState to, VrrpTransitionReason reason) =>
        new() { Kind = VrrpActionKind.StateChanged, From = from, To = to, Reason = reason };

    private static VrrpAction Arm(VrrpActionKind kind, DateTimeOffset now, TimeSpan delay) =>
        new() { Kind = kind, At = now + delay, Delay = delay };
}
