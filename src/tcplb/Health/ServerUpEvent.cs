namespace HaKube.Tcplb.Health;

/// <summary>A server takes new connections again; with slowstart, its weight ramps from <see cref="HealthEvent.At"/>.</summary>
internal sealed record ServerUpEvent(string Backend, string Server, int Index, DateTimeOffset At) : HealthEvent(Backend, At);
