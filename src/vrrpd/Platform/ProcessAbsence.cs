namespace HaKube.Vrrpd.Platform;

/// <summary>Why a tracked process counts as not running.</summary>
internal enum ProcessAbsence
{
    /// <summary>It is running.</summary>
    None,

    /// <summary>The pidfile does not exist.</summary>
    PidfileMissing,

    /// <summary>The pidfile holds no PID.</summary>
    PidfileInvalid,

    /// <summary>No process has that PID (a stale pidfile).</summary>
    NoSuchProcess,

    /// <summary>It has exited and is a zombie nobody has reaped yet.</summary>
    Exited,

    /// <summary>The PID now belongs to another program (a stale pidfile whose PID was reused).</summary>
    OtherProgram,
}
