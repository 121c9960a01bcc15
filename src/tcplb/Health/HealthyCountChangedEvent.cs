namespace HaKube.Tcplb.Health;

/// <summary>The number of servers up in a backend changed (the readiness stream vrrpd follows).</summary>
internal sealed record HealthyCountChangedEvent(string Backend, int Healthy, int Total, DateTimeOffset At) : HealthEvent(Backend, At);
