namespace HaKube.Vrrpd.Tracking;

/// <summary>One tcplb tracker as it runs (trackTcplb, with an instance's weight override applied).</summary>
/// <param name="Name">Tracker name.</param>
/// <param name="AdminSocket">tcplb's admin socket.</param>
/// <param name="NoHealthyBackendWeight">Priority change while tcplb listens with no healthy backend (0: fault).</param>
/// <param name="FaultWhenGone">Fault while tcplb is gone or not listening (else: as no healthy backend).</param>
internal sealed record BalancerTrackerSettings(
    string Name,
    string AdminSocket,
    int NoHealthyBackendWeight = -50,
    bool FaultWhenGone = true)
{
    /// <summary>First wait before reconnecting after the stream ends or cannot start.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between reconnection attempts (the wait doubles up to it).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);
}
