using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Checks;

/// <summary>A server that active checks marked down stayed down for its whole session-close grace: close its established sessions now.</summary>
internal sealed record CloseSessionsEvent(string Backend, string Server, int Index, DateTimeOffset At) : HealthEvent(Backend, At);
