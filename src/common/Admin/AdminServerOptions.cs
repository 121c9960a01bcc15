namespace HaKube.Common.Admin;

/// <summary>Where the admin socket lives and who may open it.</summary>
public sealed record AdminServerOptions
{
    /// <summary>The socket's path, e.g. /run/vrrpd/admin.sock (<see cref="Daemon.RunDirectory.AdminSocketPath"/>).</summary>
    public required string SocketPath { get; init; }

    /// <summary>The daemon's name, for messages ("vrrpd").</summary>
    public required string DaemonName { get; init; }

    /// <summary>Permissions of the socket file; connecting needs write permission. Default 0600 (root only).</summary>
    public UnixFileMode SocketMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Connections served at once; more are answered with an error and closed.</summary>
    public int MaxConnections { get; init; } = 64;
}
