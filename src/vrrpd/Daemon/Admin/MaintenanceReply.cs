namespace HaKube.Vrrpd.Daemon.Admin;

/// <summary>The reply to "maint": the switch's position and each instance's state after it.</summary>
internal sealed record MaintenanceReply(bool Maintenance, IReadOnlyDictionary<string, string> States);
