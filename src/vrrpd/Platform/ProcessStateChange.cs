namespace HaKube.Vrrpd.Platform;

/// <summary>A tracked process started or stopped running.</summary>
/// <param name="IsRunning">True when it runs now.</param>
/// <param name="Pid">Its PID when running, else the last PID seen or 0.</param>
/// <param name="Absence">None when running, else why not.</param>
/// <param name="Detail">A short explanation for status and logs.</param>
internal sealed record ProcessStateChange(bool IsRunning, int Pid, ProcessAbsence Absence, string Detail);
