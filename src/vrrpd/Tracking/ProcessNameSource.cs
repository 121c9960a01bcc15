using System.Globalization;
using System.Text;
using HaKube.Vrrpd.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Counts the processes that match Keepalived's <c>process NAME [ARGS]</c>: a scan of /proc finds them, each is
/// pinned and followed through its pidfd, so an exit (even one nobody reaps, a zombie) is seen at once. New
/// processes are only found by the next scan, every <c>rescanInterval</c>: Keepalived learns of them from the
/// netlink proc connector, which exists only in the initial network namespace and so cannot serve a daemon
/// (or a test) in another one. By default only processes in the caller's network namespace count
/// (/proc/PID/ns/net equal to the creating thread's), so a balancer in another namespace on the same machine
/// (another lab host, another node's container) is not mistaken for ours; /proc itself shows them all.
/// </summary>
internal sealed class ProcessNameSource : IProcessSource
{
    private readonly ProcessMatch _match;
    private readonly PidfdWatcher _watcher;
    private readonly TimeProvider _time;
    private readonly TimeSpan _rescanInterval;
    private readonly string? _networkNamespace;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, TrackedProcess> _followed = [];
    private readonly CancellationTokenSource _stop = new();
    private Action<ProcessSighting> _changed = static _ => { };
    private ProcessSighting _current;
    private Task? _loop;
    private bool _disposed;
    private bool _scanned;

    /// <param name="match">What to look for.</param>
    /// <param name="watcher">The daemon's pidfd watcher.</param>
    /// <param name="time">Clock of the rescan timer.</param>
    /// <param name="rescanInterval">How often to look for newly started processes (exits need no scan).</param>
    /// <param name="sameNetworkNamespaceOnly">Count only processes in the network namespace of the thread that creates this source.</param>
    /// <param name="logger">Where scan failures go.</param>
    /// <param name="name">The tracker's name, for logs.</param>
    public ProcessNameSource(ProcessMatch match, PidfdWatcher watcher, TimeProvider time, TimeSpan rescanInterval,
        bool sameNetworkNamespaceOnly = true, ILogger? logger = null, string? name = null)
    {
        _match = match ?? throw new ArgumentNullException(nameof(match));
        _watcher = watcher ?? throw new ArgumentNullException(nameof(watcher));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rescanInterval, TimeSpan.Zero);
        _rescanInterval = rescanInterval;
        _networkNamespace = sameNetworkNamespaceOnly ? NetworkNamespaceOf("thread-self") : null;
        _logger = logger ?? NullLogger.Instance;
        _name = name ?? match.Name;
        _current = new ProcessSighting(0, "not scanned yet");
    }

    public ProcessSighting Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void Start(Action<ProcessSighting> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _changed = changed;
        }

        Scan();
        _loop = RescanLoopAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        lock (_gate)
        {
            foreach (var process in _followed.Values)
            {
                process.Dispose();
            }

            _followed.Clear();
        }

        _stop.Dispose();
    }

    /// <summary>Looks through /proc once: follows new matches, drops followed processes that no longer match (exec'd into something else).</summary>
    public void Scan()
    {
        var found = new List<TrackedProcess>();
        var gone = new List<int>();
        int[] followed;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            followed = [.. _followed.Keys];
        }

        foreach (var pid in followed)
        {
            if (!IsCandidate(pid))
            {
                gone.Add(pid);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || Array.IndexOf(followed, pid) >= 0 || !IsCandidate(pid))
            {
                continue;
            }

            // Pin it, then check again: the PID could have been reused between the look and the pin.
            var probe = ProcessProbe.FromPid(pid);
            if (probe.Process is { } process)
            {
                if (IsCandidate(pid))
                {
                    found.Add(process);
                }
                else
                {
                    process.Dispose();
                }
            }
        }

        List<(TrackedProcess Process, CancellationToken Token)> follow = [];
        lock (_gate)
        {
            if (_disposed)
            {
                found.ForEach(p => p.Dispose());
                return;
            }

            foreach (var pid in gone)
            {
                if (_followed.Remove(pid, out var process))
                {
                    process.Dispose();
                }
            }

            foreach (var process in found)
            {
                if (_followed.TryAdd(process.Pid, process))
                {
                    follow.Add((process, _stop.Token));
                }
                else
                {
                    process.Dispose();
                }
            }
        }

        foreach (var (process, token) in follow)
        {
            _ = FollowAsync(process, token);
        }

        Report();
    }

    private async Task RescanLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_rescanInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    Scan();
                }
#pragma warning disable CA1031 // Reported; the next scan tries again and followed processes stay followed.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    TrackingLog.ProcessScanFailed(_logger, _name, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task FollowAsync(TrackedProcess process, CancellationToken ct)
    {
        try
        {
            await process.WaitForExitAsync(_watcher, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || !_followed.Remove(process.Pid, out var followed) || followed != process)
            {
                return;
            }
        }

        process.Dispose();
        Report();
    }

    private void Report()
    {
        ProcessSighting next;
        Action<ProcessSighting> changed;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var pids = _followed.Keys.Order().ToList();
            next = new ProcessSighting(pids.Count, pids.Count == 0
                ? $"no {_match.Name} process running"
                : $"{pids.Count} {_match.Name} process{(pids.Count == 1 ? "" : "es")} running (pid {string.Join(", ", pids)})");
            var before = _current;
            _current = next;
            var first = !_scanned;
            _scanned = true;
            if (before.Count == next.Count && !first)
            {
                return;
            }

            changed = _changed;
        }

        changed(next);
    }

    /// <summary>Alive (not a zombie), in our network namespace when asked, and matching.</summary>
    private bool IsCandidate(int pid)
    {
        if (!ProcStat.TryRead(pid, out var state, out var comm) || ProcStat.IsExitedState(state))
        {
            return false;
        }

        if (_networkNamespace is not null && NetworkNamespaceOf(pid.ToString(CultureInfo.InvariantCulture)) != _networkNamespace)
        {
            return false;
        }

        IReadOnlyList<string>? argv = null;
        if (_match.NeedsCommandLine)
        {
            try
            {
                argv = ProcessMatch.SplitCommandLine(Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        return _match.Matches(comm, argv);
    }

    /// <summary>"net:[INODE]" of /proc/<paramref name="process"/>/ns/net, or null when it cannot be read (gone, or no permission).</summary>
    private static string? NetworkNamespaceOf(string process)
    {
        try
        {
            return new FileInfo($"/proc/{process}/ns/net").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
