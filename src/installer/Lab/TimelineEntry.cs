namespace HaKube.Installer.Lab;

/// <summary>One moment of a failover, in milliseconds after the balancer was killed.</summary>
internal sealed record TimelineEntry(double Ms, string What);
