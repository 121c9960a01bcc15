namespace HaKube.Vrrpd.Daemon.Admin;

/// <summary>Arguments of the admin command "maint".</summary>
internal sealed record MaintenanceRequest(bool On);
