namespace HaKube.Tcplb.Health;

/// <summary>Something the data plane and the readiness stream react to.</summary>
internal abstract record HealthEvent(string Backend, DateTimeOffset At);
