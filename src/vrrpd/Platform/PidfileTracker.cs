namespace HaKube.Vrrpd.Platform;

/// <summary>
/// Follows the process a pidfile names, without polling: its exit arrives through its pidfd (instant, zombie
/// or not), a new process through inotify on the pidfile's directory (<see cref="FileSystemWatcher"/>).
/// Raises <see cref="Changed"/> only when running / not running or the PID changes. The pidfile's directory
/// must exist when the tracker starts; until it does, the process counts as not running.
/// </summary>
internal sealed class PidfileTracker : IDisposable
{
    private readonly string _pidfile;
    private readonly string? _expectedCommand;
    private readonly PidfdWatcher _watcher;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private FileSystemWatcher? _files;
    private TrackedProcess? _process;
    private CancellationTokenSource? _following;
    private ProcessStateChange _current;
    private bool _disposed;

    public PidfileTracker(string pidfile, string? expectedCommand, PidfdWatcher watcher)
    {
        ArgumentException.ThrowIfNullOrEmpty(pidfile);
        _pidfile = Path.GetFullPath(pidfile);
        _expectedCommand = expectedCommand;
        _watcher = watcher ?? throw new ArgumentNullException(nameof(watcher));
        _current = new ProcessStateChange(false, 0, ProcessAbsence.PidfileMissing, "not started");
    }

    /// <summary>Raised on the watcher's or inotify's thread; post into the instance's channel and return.</summary>
    public event EventHandler<ProcessStateChange>? Changed;

    /// <summary>The state as last probed.</summary>
    public ProcessStateChange Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Probes once (raising <see cref="Changed"/> with the first state) and starts following.</summary>
    public void Start()
    {
        var directory = Path.GetDirectoryName(_pidfile)!;
        if (Directory.Exists(directory))
        {
            _files = new FileSystemWatcher(directory, Path.GetFileName(_pidfile))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _files.Created += OnFileEvent;
            _files.Changed += OnFileEvent;
            _files.Deleted += OnFileEvent;
            _files.Renamed += OnFileEvent;
            _files.EnableRaisingEvents = true;
        }

        Probe(initial: true);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stop.Cancel();
        _files?.Dispose();
        _following?.Dispose();
        _process?.Dispose();
        _stop.Dispose();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) => Probe(initial: false);

    private void Probe(bool initial)
    {
        ProcessStateChange? raise = null;
        TrackedProcess? follow = null;
        var followToken = CancellationToken.None;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var result = ProcessProbe.FromPidfile(_pidfile, _expectedCommand);
            if (result.Process is { } process && process.Pid == _process?.Pid)
            {
                process.Dispose(); // the same process, already followed
                return;
            }

            // Stop waiting on the process we followed before (its pidfd stays open until the wait is gone).
            _following?.Cancel();
            _following?.Dispose();
            _following = null;
            _process?.Dispose();
            _process = result.Process;
            follow = result.Process;
            if (follow is not null)
            {
                _following = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                followToken = _following.Token;
            }

            var next = new ProcessStateChange(result.IsRunning, result.Process?.Pid ?? _current.Pid, result.Absence, result.Detail);
            if (initial || next.IsRunning != _current.IsRunning || (next.IsRunning && next.Pid != _current.Pid))
            {
                raise = next;
            }

            _current = next;
        }

        if (follow is not null)
        {
            _ = FollowAsync(follow, followToken);
        }

        if (raise is not null)
        {
            Changed?.Invoke(this, raise);
        }
    }

    private async Task FollowAsync(TrackedProcess process, CancellationToken ct)
    {
        try
        {
            await process.WaitForExitAsync(_watcher, ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        Probe(initial: false);
    }
}
