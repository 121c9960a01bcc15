namespace HaKube.Tcplb.Health;

/// <summary>
/// A server takes no new connections. <see cref="CloseSessionsAt"/>: when its established sessions must be closed
/// (down by active checks, after the grace period); null = keep them (a failed connect, or grace "never").
/// </summary>
internal sealed record ServerDownEvent(string Backend, string Server, int Index, DownReason Reason, string Detail, DateTimeOffset? CloseSessionsAt, DateTimeOffset At)
    : HealthEvent(Backend, At);
