namespace HaKube.Installer.Lab;

/// <summary>A daemon the supervisor started on a host, by PID.</summary>
internal sealed record LabProcessState(string Name, int Pid, string CommandLine);
