namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Server-side timeouts, with HAProxy's meaning. <see cref="Timeout.InfiniteTimeSpan"/> means none. Once a connection is
/// established, <see cref="Tunnel"/> (when set) replaces both the client and server inactivity timeouts.
/// </summary>
internal sealed record BackendTimeouts
{
    /// <summary>Most time to establish the TCP connection to a server, per attempt (HAProxy <c>timeout connect</c>).</summary>
    public TimeSpan Connect { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Server inactivity (HAProxy <c>timeout server</c>).</summary>
    public TimeSpan Server { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Inactivity in both directions of an established connection; null = client and server timeouts apply (HAProxy <c>timeout tunnel</c>).</summary>
    public TimeSpan? Tunnel { get; init; }

    /// <summary>Server inactivity once the client's FIN has been passed to the server; null = <see cref="Server"/> (HAProxy <c>timeout server-fin</c>).</summary>
    public TimeSpan? ServerFin { get; init; }

    /// <summary>Most time a connection waits in the queue for a free server slot (HAProxy <c>timeout queue</c>; defaults to <see cref="Connect"/>).</summary>
    public TimeSpan Queue { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Read timeout of a check after it connected; the connect itself then gets min(connect, inter). Null = a check gets
    /// <c>inter</c> for connect and read together (HAProxy <c>timeout check</c>).
    /// </summary>
    public TimeSpan? Check { get; init; }
}
