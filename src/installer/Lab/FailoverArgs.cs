namespace HaKube.Installer.Lab;

/// <summary>The arguments of the control socket's `failover` command; absent ones mean the balancer kill.</summary>
internal sealed record FailoverArgs
{
    public LabFault Fault { get; init; } = LabFault.Balancer;
}
