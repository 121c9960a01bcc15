namespace HaKube.Vrrpd.Platform;

/// <summary>The outcome of looking for a process: a pinned running process, or why there is none.</summary>
/// <param name="Process">The running process (the caller owns and disposes it), or null.</param>
/// <param name="Absence">None when running, else why not.</param>
/// <param name="Detail">A short explanation for status and logs.</param>
internal sealed record ProcessProbeResult(TrackedProcess? Process, ProcessAbsence Absence, string Detail)
{
    public bool IsRunning => Process is not null;
}
