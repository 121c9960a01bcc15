namespace HaKube.Tcplb.Runtime;

/// <summary>The <c>readiness</c> topic's event (docs/readiness-stream.md), as vrrpd's balancer tracker reads it.</summary>
internal sealed record ReadinessEvent(bool Listening, int HealthyBackends, int TotalBackends, int Pid);
