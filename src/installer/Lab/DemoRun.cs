namespace HaKube.Installer.Lab;

/// <summary>One lab's part of `lab demo`.</summary>
internal sealed record DemoRun
{
    public required LabMode Mode { get; init; }
    public FailoverReport? Failover { get; init; }
    public RestoreReport? Restore { get; init; }
    public string? Error { get; init; }
    public double UpSeconds { get; init; }
    public double DownSeconds { get; init; }
}
