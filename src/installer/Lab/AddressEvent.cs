namespace HaKube.Installer.Lab;

/// <summary>The VIP was added to or removed from a load balancer (from `ip monitor address` there).</summary>
internal sealed record AddressEvent(DateTimeOffset At, string Node, bool Added);
