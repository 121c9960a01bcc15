namespace HaKube.Installer.Lab;

/// <summary>What `lab status --json` prints: the recorded state and what is true now.</summary>
internal sealed record LabStatus(LabState? State, bool SupervisorAlive, IReadOnlyList<string> VipHolders, IReadOnlyList<string> DeadProcesses);
