using HaKube.Vrrpd.Interop;

namespace HaKube.Vrrpd.Platform;

/// <summary>A running process pinned by a pidfd: the PID cannot be reused under us while we hold it.</summary>
internal sealed class TrackedProcess(int pid, string command, SafePidfdHandle handle) : IDisposable
{
    public int Pid { get; } = pid;

    /// <summary>The command name (/proc/PID/comm, at most 15 characters).</summary>
    public string Command { get; } = command;

    public SafePidfdHandle Handle { get; } = handle;

    /// <summary>Completes when the process exits (see <see cref="PidfdWatcher"/>).</summary>
    public Task WaitForExitAsync(PidfdWatcher watcher, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        return watcher.WaitForExitAsync(Handle, ct);
    }

    public void Dispose() => Handle.Dispose();
}
