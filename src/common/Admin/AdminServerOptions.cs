namespace HaKube.Common.Admin;

/// <summary>Where the admin socket lives and who may open it.</summary>
public sealed record AdminServerOptions
{
    /// <summary>The socket's path, e.g. /run/vrrpd/admin.sock (<see cref="Daemon.RunDirectory.AdminSocketPath"/>).</summary>
    public required string SocketPath { get; init; }

    /// <summary>The daemon's name, for messages ("vrrpd").</summary>
    public required string DaemonName { get; init; }

    /// <summary>
    /// Permissions of the socket file; connecting needs write permission. Default 0666: who may use the socket is
    /// decided by the peer's credentials (SO_PEERCRED), root and the daemon's own user only, not by the file mode, so
    /// that root without CAP_DAC_OVERRIDE (vrrpd under its unit) reaches a daemon that runs as another user (tcplb's
    /// DynamicUser).
    /// </summary>
    public UnixFileMode SocketMode { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Connections served at once; more are answered with an error and closed.</summary>
    public int MaxConnections { get; init; } = 64;
}
