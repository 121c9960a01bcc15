namespace HaKube.Installer.Lab;

/// <summary>One host as the lab directory records it.</summary>
internal sealed record LabHostState(
    string Name,
    LabRole Role,
    string Namespace,
    string Address,
    string Mac,
    IReadOnlyList<LabProcessState> Processes);
