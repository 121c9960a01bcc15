namespace HaKube.Vrrpd.Tracking;

/// <summary>How one run of a track or notify script ended.</summary>
internal enum ScriptOutcome
{
    /// <summary>Exited with status 0.</summary>
    Success,

    /// <summary>Exited non-zero or was killed by a signal.</summary>
    Failure,

    /// <summary>Ran past its timeout; its whole process group was killed.</summary>
    Timeout,

    /// <summary>Could not be started (not found, not executable, unknown user).</summary>
    CannotStart,
}
