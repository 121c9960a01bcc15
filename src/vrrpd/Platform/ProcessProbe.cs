using System.Globalization;
using System.Runtime.InteropServices;
using HaKube.Vrrpd.Interop;
using Tmds.Linux;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// Finds a process by pidfile or PID and pins it with pidfd_open, then checks it is alive (its pidfd not yet
/// readable, /proc not showing a zombie) and, optionally, that it is the expected program.
/// </summary>
internal static class ProcessProbe
{
    /// <summary>Linux truncates /proc/PID/comm to 15 bytes (TASK_COMM_LEN - 1).</summary>
    private const int CommandLength = 15;

    public static ProcessProbeResult FromPidfile(string path, string? expectedCommand = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ProcessProbeResult(null, ProcessAbsence.PidfileMissing, $"pidfile {path} does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ProcessProbeResult(null, ProcessAbsence.PidfileInvalid, $"pidfile {path} cannot be read: {e.Message}");
        }

        var first = text.AsSpan().Trim();
        var end = first.IndexOfAny(" \n\t");
        if (end >= 0)
        {
            first = first[..end];
        }

        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? FromPid(pid, expectedCommand)
            : new ProcessProbeResult(null, ProcessAbsence.PidfileInvalid, $"pidfile {path} holds no PID");
    }

    public static ProcessProbeResult FromPid(int pid, string? expectedCommand = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        var fd = PidfdOpen.Open(pid);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Errno.ESRCH
                ? new ProcessProbeResult(null, ProcessAbsence.NoSuchProcess, $"no process {pid}")
                : throw new PlatformException($"pidfd_open({pid})", errno);
        }

        var handle = new SafePidfdHandle(fd);
        // The pidfd pins this very process: whatever /proc says from now on is about it, not a successor.
        if (HasExited(fd) || !ProcStat.TryRead(pid, out var state, out var command) || ProcStat.IsExitedState(state))
        {
            handle.Dispose();
            return new ProcessProbeResult(null, ProcessAbsence.Exited, $"process {pid} has exited");
        }

        if (expectedCommand is not null && command != Truncate(Path.GetFileName(expectedCommand)))
        {
            handle.Dispose();
            return new ProcessProbeResult(null, ProcessAbsence.OtherProgram, $"process {pid} is {command}, not {expectedCommand}");
        }

        return new ProcessProbeResult(new TrackedProcess(pid, command, handle), ProcessAbsence.None, $"process {pid} ({command}) is running");
    }

    private static string Truncate(string name) => name.Length > CommandLength ? name[..CommandLength] : name;

    private static unsafe bool HasExited(int pidfd)
    {
        var poll = new pollfd { fd = pidfd, events = LibC.POLLIN };
        return LibC.poll(&poll, 1, 0) > 0 && (poll.revents & LibC.POLLIN) != 0;
    }
}
