namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Client-side timeouts, with HAProxy's meaning. <see cref="Timeout.InfiniteTimeSpan"/> means none.
/// </summary>
internal sealed record FrontendTimeouts
{
    /// <summary>Client inactivity: no byte from the client for this long closes the connection (HAProxy <c>timeout client</c>).</summary>
    public TimeSpan Client { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Client inactivity once the server's FIN has been passed to the client; overrides the tunnel timeout; null = <see cref="Client"/> applies (HAProxy <c>timeout client-fin</c>).</summary>
    public TimeSpan? ClientFin { get; init; }
}
