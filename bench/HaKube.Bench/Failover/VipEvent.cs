namespace HaKube.Bench.Failover;

/// <summary>The VIP appeared on (Added) or left (removed) a load-balancer host at <paramref name="At"/>.</summary>
internal readonly record struct VipEvent(DateTimeOffset At, string Host, bool Added);
