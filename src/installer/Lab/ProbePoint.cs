namespace HaKube.Installer.Lab;

/// <summary>One probe of a failover, for plotting: its start in milliseconds after the kill, its kind ("tcp", "tls"), and whether it passed.</summary>
internal sealed record ProbePoint(double Ms, string Kind, bool Ok);
