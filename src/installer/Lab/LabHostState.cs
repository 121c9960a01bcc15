namespace HaKube.Installer.Lab;

/// <summary>One host as the lab directory records it.</summary>
internal sealed record LabHostState(
    string Name,
    LabRole Role,
    string Namespace,
    string Address,
    string Mac,
    IReadOnlyList<LabProcessState> Processes)
{
    /// <summary>True while `lab failover --fault node` has this load balancer cut off (until `lab restore`).</summary>
    public bool LinkCut { get; init; }
}
