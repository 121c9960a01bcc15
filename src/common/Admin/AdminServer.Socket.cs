using System.Net.Sockets;
using System.Runtime.InteropServices;
using HaKube.Common.Daemon;
using HaKube.Common.Interop;

namespace HaKube.Common.Admin;

public sealed partial class AdminServer
{
    private const int Backlog = 16;

    private void RemoveStaleSocket()
    {
        var type = LibC.FileType(SocketPath);
        if (type is null)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.ENOENT)
            {
                return;
            }

            throw new DaemonStartupException($"cannot inspect {SocketPath}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        if (type != LibC.S_IFSOCK)
        {
            throw new DaemonStartupException($"{SocketPath} exists and is not a socket; remove it or choose another --run-dir");
        }

        // Non-blocking: a live daemon with a full backlog answers EAGAIN instead of stalling our start-up.
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(SocketPath));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // Nobody listens: the file outlived a crashed daemon.
            File.Delete(SocketPath);
            Log.StaleSocketRemoved(_logger, SocketPath);
            return;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
        {
            throw InUse(null);
        }
        catch (SocketException e)
        {
            throw new DaemonStartupException($"cannot probe the existing admin socket {SocketPath}: {e.Message}", e);
        }

        throw InUse(PeerPid(probe));
    }

    private DaemonStartupException InUse(int? pid)
    {
        var who = pid is { } p ? $"pid {p}" : "pid unknown";
        return new DaemonStartupException(
            $"another {_options.DaemonName} ({who}) is serving the admin socket {SocketPath}; stop it, or give this instance its own --run-dir")
        {
            OtherPid = pid,
        };
    }

    private Socket Bind()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
            File.SetUnixFileMode(SocketPath, _options.SocketMode);
            listener.Listen(Backlog);
            return listener;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            listener.Dispose();
            var hint = e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                ? "another instance bound it while this one started"
                : e.Message;
            throw new DaemonStartupException($"cannot create the admin socket {SocketPath}: {hint}", e);
        }
    }

    /// <summary>The pid of the process at the other end of a unix socket (SO_PEERCRED), or null.</summary>
    internal static int? PeerPid(Socket socket) => PeerCredentials(socket)?.Pid;

    /// <summary>The pid and uid of the process at the other end of a unix socket (SO_PEERCRED), or null.</summary>
    internal static (int Pid, uint Uid)? PeerCredentials(Socket socket)
    {
        const int SolSocket = 1;
        const int SoPeerCred = 17;

        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> ucred = stackalloc byte[12];
        try
        {
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred) == ucred.Length
                ? (MemoryMarshal.Read<int>(ucred), MemoryMarshal.Read<uint>(ucred[4..]))
                : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
