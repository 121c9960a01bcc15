namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// HAProxy's timeouts for one frontend/backend pair (configuration.txt 4.2 "timeout ..."); null means none.
/// Client and server are idle timeouts per side; <see cref="Tunnel"/> replaces both once the server has answered;
/// <see cref="ClientFin"/>/<see cref="ServerFin"/> bound a side's inactivity once either direction is shut.
/// </summary>
internal sealed record ProxyTimeouts
{
    /// <summary>The native format's defaults: HAProxy's 5 s connect and the guide's 50 s client/server, and a 1 h tunnel so watches, logs -f and exec survive idle periods.</summary>
    public static readonly ProxyTimeouts Default = new();

    public TimeSpan? Connect { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan? Client { get; init; } = TimeSpan.FromSeconds(50);

    public TimeSpan? Server { get; init; } = TimeSpan.FromSeconds(50);

    public TimeSpan? Tunnel { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan? ClientFin { get; init; }

    public TimeSpan? ServerFin { get; init; }
}
