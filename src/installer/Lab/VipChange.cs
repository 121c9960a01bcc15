namespace HaKube.Installer.Lab;

/// <summary>The VIP was added to or removed from a load balancer, in milliseconds after the kill.</summary>
internal sealed record VipChange(double Ms, string Node, bool Added);
