namespace HaKube.Bench.Failover;

/// <summary>One client probe through the VIP: TCP connect, TLS handshake, GET /readyz; when it started and ended, and whether it answered 200.</summary>
internal readonly record struct ProbeRecord(DateTimeOffset Start, DateTimeOffset End, bool Ok);
