using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Balancing;

/// <summary>
/// What a picker needs to know of one server at the moment of a pick. The data plane keeps an array of these per
/// backend and replaces elements in place (<c>with</c> on a struct allocates nothing).
/// </summary>
internal readonly record struct ServerSnapshot
{
    public ServerStatus Status { get; init; }

    /// <summary>Configured weight 0..256 (0 = takes no new connections).</summary>
    public int Weight { get; init; }

    public bool Backup { get; init; }

    /// <summary>Connections currently established or being established to this server.</summary>
    public int ActiveConnections { get; init; }

    /// <summary>Most concurrent connections; 0 = unlimited.</summary>
    public int MaxConn { get; init; }

    /// <summary>Most connections queued on behalf of this server; 0 = unlimited.</summary>
    public int MaxQueue { get; init; }

    public TimeSpan SlowStart { get; init; }

    /// <summary>When the server last came back up; null = up since start (no ramp, as in HAProxy).</summary>
    public DateTimeOffset? RecoveredAt { get; init; }

    public static ServerSnapshot From(ServerOptions server) => new()
    {
        Status = server.Disabled ? ServerStatus.Disabled : ServerStatus.Up,
        Weight = server.Weight,
        Backup = server.Backup,
        MaxConn = server.MaxConn,
        MaxQueue = server.MaxQueue,
        SlowStart = server.SlowStart,
    };
}
