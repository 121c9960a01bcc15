namespace HaKube.Installer.Lab;

/// <summary>
/// The raw points of a failover, times in milliseconds after the kill: every probe and every VIP change seen on the
/// load balancers. What `lab demo --plot` draws; the old holder held the VIP before the first change.
/// </summary>
internal sealed record FailoverTrace
{
    public IReadOnlyList<ProbePoint> Probes { get; init; } = [];
    public IReadOnlyList<VipChange> Vip { get; init; } = [];
}
