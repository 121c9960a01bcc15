using System.Globalization;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// sd_listen_fds(3): takes the listening sockets systemd passed (LISTEN_PID names this process, LISTEN_FDS counts descriptors
/// from fd 3). A restart under a socket unit keeps the socket, and what waits in its backlog, open across processes.
/// </summary>
internal static class SystemdSocketActivation
{
    /// <summary>SD_LISTEN_FDS_START from sd-daemon.h.</summary>
    public const int ListenFdsStart = 3;

    /// <summary>Takes the descriptors passed to this process and clears the variables so children do not see them.</summary>
    public static IReadOnlyList<InheritedListener> Take() =>
        Take(Environment.GetEnvironmentVariable, name => Environment.SetEnvironmentVariable(name, null), Environment.ProcessId, ListenFdsStart);

    /// <summary>The same, with the environment, the process id and the first descriptor given (tests pass descriptors above 3).</summary>
    public static IReadOnlyList<InheritedListener> Take(Func<string, string?> getEnvironment, Action<string> clearEnvironment, int processId, int firstFd)
    {
        var pidText = getEnvironment("LISTEN_PID");
        var countText = getEnvironment("LISTEN_FDS");
        if (pidText is null || countText is null
            || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId
            || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return [];
        }

        clearEnvironment("LISTEN_PID");
        clearEnvironment("LISTEN_FDS");
        clearEnvironment("LISTEN_FDNAMES");
        var result = new List<InheritedListener>(count);
        for (var fd = firstFd; fd < firstFd + count; fd++)
        {
            // systemd leaves them inheritable; mark them close-on-exec and nonblocking like our own.
            _ = LibC.fcntl(fd, LibC.F_SETFD, LibC.FD_CLOEXEC);
            _ = LibC.fcntl(fd, LibC.F_SETFL, LibC.fcntl(fd, LibC.F_GETFL) | LibC.O_NONBLOCK);
            result.Add(new InheritedListener(fd, ListenSocket.LocalEndPoint(fd)));
        }

        return result;
    }
}
