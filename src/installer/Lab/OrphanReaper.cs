using System.Globalization;
using System.Runtime.InteropServices;
using HaKube.Installer.Interop;

namespace HaKube.Installer.Lab;

/// <summary>
/// Makes this process a child subreaper and reaps the orphans that land on it, so a process the lab kills is
/// gone at once instead of lingering as a zombie that PID 1 reaps late here (a zombie still passes kill -0).
/// </summary>
/// <remarks>
/// .NET's Process class reaps the children it started itself, and fails fast if another waitpid took one first.
/// So this reaps only zombies .NET cannot own: every child .NET starts either stays in this process's session
/// (commands run to completion) or is a session leader (lab processes start through setsid). An orphan adopted
/// from a lab daemon (keepalived's children, a track script) is in its old daemon's session and leads none.
/// Orphans that lead a session of their own are left to PID 1 once the lab ends.
/// </remarks>
internal sealed class OrphanReaper : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigchld;
    private readonly Task _loop;
    private readonly int _self = Environment.ProcessId;
    private readonly int _session;

    private OrphanReaper()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a child subreaper needs Linux");
        }

        _session = LibC.GetSid(0);
        _sigchld = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => Wake());
        _loop = LoopAsync();
    }

    /// <summary>The number of orphans reaped so far.</summary>
    public int Reaped { get; private set; }

    /// <summary>Calls prctl(PR_SET_CHILD_SUBREAPER) and starts reaping on SIGCHLD (and every second, in case one was merged).</summary>
    public static OrphanReaper Start()
    {
        if (LibC.Prctl(LibC.PrSetChildSubreaper, 1, 0, 0, 0) != 0)
        {
            throw new InvalidOperationException($"prctl(PR_SET_CHILD_SUBREAPER) failed with errno {Marshal.GetLastPInvokeError()}");
        }

        return new OrphanReaper();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _sigchld.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(2));
        _stop.Dispose();
        _wake.Dispose();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; it will see this child too.
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            ReapOnce();
        }
    }

    private void ReapOnce()
    {
        foreach (var pid in Children())
        {
            if (ReadStat(pid) is { State: 'Z' } stat && stat.ParentPid == _self && stat.Session != _session && stat.Session != pid
                && LibC.WaitPid(pid, out _, LibC.WNoHang) == pid)
            {
                Reaped++;
            }
        }
    }

    private static List<int> Children()
    {
        var children = new List<int>();
        // Children are listed per thread that forked them; an adopted orphan goes to one of them.
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var word in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    children.Add(int.Parse(word, NumberStyles.None, CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return children;
    }

    private static (char State, int ParentPid, int Session)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // "pid (comm) S ppid pgrp session ..."; comm may hold spaces, so split after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 3
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
            && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sid)
            ? (fields[0][0], ppid, sid) : null;
    }
}
