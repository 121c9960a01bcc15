using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HaKube.Common.Interop;
using HaKube.Common.IO;
using Microsoft.Win32.SafeHandles;

namespace HaKube.Common.Daemon;

/// <summary>
/// A daemon's run directory (/run/vrrpd by default, or --run-dir): created if missing, held exclusively through
/// flock(2) on NAME.lock for the daemon's lifetime (the kernel drops the lock if the process dies), with the pid in
/// NAME.pid written atomically. Dispose on clean exit removes both files.
/// </summary>
public sealed class RunDirectory : IDisposable
{
    /// <summary>The admin socket's file name inside the run directory.</summary>
    public const string AdminSocketName = "admin.sock";

    private const int LockAttempts = 5;

    private readonly SafeFileHandle _lock;
    private bool _disposed;

    private RunDirectory(string path, string daemonName, SafeFileHandle lockHandle)
    {
        Path = path;
        DaemonName = daemonName;
        _lock = lockHandle;
    }

    /// <summary>The directory, absolute.</summary>
    public string Path { get; }

    /// <summary>The daemon's name ("vrrpd"), used in file names and messages.</summary>
    public string DaemonName { get; }

    /// <summary>NAME.pid: the running daemon's pid and a newline.</summary>
    public string PidFilePath => PidFile(Path, DaemonName);

    /// <summary>admin.sock in the run directory.</summary>
    public string AdminSocketPath => GetPath(AdminSocketName);

    internal string LockFilePath => LockFile(Path, DaemonName);

    /// <summary>A file of the daemon's inside the run directory.</summary>
    public string GetPath(string fileName) => System.IO.Path.Join(Path, fileName);

    /// <summary>
    /// Creates the directory (with <paramref name="directoryMode"/>, when it does not exist), takes its lock and writes
    /// the pid file. Throws <see cref="DaemonStartupException"/> when another instance holds it or the directory
    /// cannot be created.
    /// </summary>
    public static RunDirectory Acquire(string path, string daemonName, UnixFileMode directoryMode = (UnixFileMode)0b111_101_101)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(daemonName);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(path, directoryMode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartupException($"cannot create run directory {path}: {e.Message} (run as root, or pass --run-dir DIR)", e);
        }

        var lockHandle = TakeLock(path, daemonName);
        var runDirectory = new RunDirectory(path, daemonName, lockHandle);
        try
        {
            runDirectory.WritePidFile(Environment.ProcessId);
        }
        catch
        {
            runDirectory.Dispose();
            throw;
        }

        return runDirectory;
    }

    /// <summary>
    /// Whether a daemon holds the run directory now (its lock is taken), and its pid from NAME.pid (0 when unreadable).
    /// A pid file left by a crashed daemon does not count: nobody holds its lock.
    /// </summary>
    public static bool TryGetRunningPid(string path, string daemonName, out int pid)
    {
        pid = 0;
        using var handle = LibC.open(LockFile(path, daemonName), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (handle.IsInvalid)
        {
            return false;
        }

        if (LibC.flock(handle, LibC.LOCK_SH | LibC.LOCK_NB) == 0)
        {
            return false;
        }

        pid = ReadPidFile(PidFile(path, daemonName)) ?? 0;
        return true;
    }

    /// <summary>
    /// The pid NAME.pid names, null when there is none or it is unreadable: a running daemon's, or after a crash the
    /// dead one's (a clean exit removes the file).
    /// </summary>
    public static int? ReadPid(string path, string daemonName) => ReadPidFile(PidFile(path, daemonName));

    /// <summary>Removes the pid and lock files and releases the lock.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (ReadPidFile(PidFilePath) == Environment.ProcessId)
        {
            File.Delete(PidFilePath);
        }

        // Unlinked while still locked: a starter that opened the old file re-checks the inode and retries.
        File.Delete(LockFilePath);
        _lock.Dispose();
    }

    private static SafeFileHandle TakeLock(string path, string daemonName)
    {
        var lockPath = LockFile(path, daemonName);
        for (var attempt = 1; ; attempt++)
        {
            var handle = LibC.open(lockPath, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0b110_000_000);
            if (handle.IsInvalid)
            {
                var errno = Marshal.GetLastPInvokeError();
                handle.Dispose();
                throw new DaemonStartupException($"cannot open {lockPath}: {Marshal.GetPInvokeErrorMessage(errno)} (run as root, or pass --run-dir DIR)");
            }

            if (LibC.flock(handle, LibC.LOCK_EX | LibC.LOCK_NB) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                handle.Dispose();
                if (errno != LibC.EWOULDBLOCK)
                {
                    throw new DaemonStartupException($"cannot lock {lockPath}: {Marshal.GetPInvokeErrorMessage(errno)}");
                }

                // A `status` query holds a shared lock for an instant; only a lock that stays taken is a daemon.
                if (attempt < LockAttempts)
                {
                    Thread.Sleep(20 * attempt);
                    continue;
                }

                var other = ReadPidFile(PidFile(path, daemonName));
                var who = other is { } p ? $"pid {p.ToString(CultureInfo.InvariantCulture)}" : "pid unknown";
                throw new DaemonStartupException(
                    $"{daemonName} is already running with run directory {path} ({who}); stop it, or give this instance its own --run-dir")
                {
                    OtherPid = other,
                };
            }

            // The previous holder may have unlinked the file between our open and our flock: then we locked an
            // orphan inode and must start over on the current file.
            if (LibC.FileIdentity(handle) is { } held && LibC.FileIdentity(lockPath) is { } current && held == current)
            {
                return handle;
            }

            handle.Dispose();
        }
    }

    private void WritePidFile(int pid)
    {
        AtomicFile.Write(PidFilePath, Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture) + "\n"), AtomicFile.Readable);
    }

    private static int? ReadPidFile(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
                ? pid
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string PidFile(string path, string daemonName) => System.IO.Path.Join(path, daemonName + ".pid");

    private static string LockFile(string path, string daemonName) => System.IO.Path.Join(path, daemonName + ".lock");
}
