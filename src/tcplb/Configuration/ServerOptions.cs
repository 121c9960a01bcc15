namespace HaKube.Tcplb.Configuration;

/// <summary>One server of a backend, with every default resolved (HAProxy's <c>server</c> line after <c>default-server</c>).</summary>
internal sealed record ServerOptions
{
    public required string Name { get; init; }

    public required ServerAddress Address { get; init; }

    /// <summary>Share of new connections relative to the other servers, 0..256 (HAProxy's range; default 1). 0 = takes no new connections.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>Most concurrent connections to this server; 0 = unlimited. Beyond it connections wait in the backend queue.</summary>
    public int MaxConn { get; init; }

    /// <summary>Most connections queued for this server; 0 = unlimited. Only meaningful with <see cref="MaxConn"/>.</summary>
    public int MaxQueue { get; init; }

    /// <summary>Used only when no active (non-backup) server is usable.</summary>
    public bool Backup { get; init; }

    /// <summary>Starts in maintenance (HAProxy <c>disabled</c>); enabled at run time with <c>tcplb server enable</c>.</summary>
    public bool Disabled { get; init; }

    /// <summary>After the server comes back up, its weight (and maxconn) ramp linearly from ~0 to full over this time; zero = at once.</summary>
    public TimeSpan SlowStart { get; init; }

    /// <summary>Grace before established sessions are closed once active checks mark this server down (default 30 s).</summary>
    public SessionCloseGrace SessionCloseGrace { get; init; } = SessionCloseGrace.Default;

    public ServerCheckOptions Check { get; init; } = new();

    public ConfigSource Source { get; init; } = ConfigSource.None;
}
