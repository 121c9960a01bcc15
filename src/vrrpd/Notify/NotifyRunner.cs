using System.Threading.Channels;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Notify;

/// <summary>
/// Runs notify scripts for state changes without ever blocking the caller (an instance's loop): each change is
/// queued and this returns at once. Every instance and every sync group has a queue of its own, worked in order,
/// so a slow notify_master is never overtaken by the notify_backup that follows it, while other instances'
/// scripts run meanwhile. Scripts run through <see cref="IScriptRunner"/> (no shell, own process group, as the
/// configured user, killed with their group after the timeout); failures are logged, never thrown.
/// A sync group's notifies are queued when the group changes state (the daemon's SyncGroupMachine decides that);
/// its members' own notifies still run on each of their transitions.
/// </summary>
internal sealed class NotifyRunner : IAsyncDisposable
{
    /// <summary>How long a notify script may run before its process group is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly IScriptRunner _runner;
    private readonly GlobalOptions _global;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private bool _disposed;

    public NotifyRunner(IScriptRunner runner, GlobalOptions global, ILogger? logger = null, TimeSpan? timeout = null)
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _global = global ?? throw new ArgumentNullException(nameof(global));
        _logger = logger ?? NullLogger.Instance;
        _timeout = timeout ?? DefaultTimeout;
        _idle.SetResult();
    }

    /// <summary>Queues the notifies of an instance's change to <paramref name="state"/> at effective <paramref name="priority"/>; returns at once.</summary>
    public void InstanceChanged(string instance, NotifyOptions notify, NotifyState state, int priority) =>
        Enqueue(NotifySubject.Instance, instance, notify, state, priority);

    /// <summary>Queues the notifies of a sync group's change to <paramref name="state"/>; returns at once.</summary>
    public void GroupChanged(string group, NotifyOptions notify, NotifyState state) =>
        Enqueue(NotifySubject.Group, group, notify, state, 0);

    /// <summary>Completes when every queued script has run (e.g. the notify_stop scripts at shutdown); bound it with a timeout.</summary>
    public Task WhenIdleAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(ct);
        }
    }

    /// <summary>Stops taking changes, lets queued scripts finish (each bounded by the timeout), then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] workers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var queue in _queues.Values)
            {
                queue.Jobs.Writer.TryComplete();
            }

            workers = [.. _queues.Values.Select(q => q.Worker)];
        }

        await Task.WhenAll(workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Enqueue(NotifySubject subject, string name, NotifyOptions notify, NotifyState state, int priority)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var commands = NotifyCommands.For(subject, name, notify, state, priority, _global);
        if (commands.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = $"{NotifyCommands.SubjectWord(subject)}:{name}";
            if (!_queues.TryGetValue(key, out var queue))
            {
                var jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
                queue = new Queue(jobs, Task.Run(() => WorkAsync(jobs.Reader)));
                _queues[key] = queue;
            }

            if (_pending == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            foreach (var command in commands)
            {
                _pending++;
                queue.Jobs.Writer.TryWrite(new Job(subject, name, state, command));
            }
        }
    }

    private async Task WorkAsync(ChannelReader<Job> jobs)
    {
        await foreach (var job in jobs.ReadAllAsync())
        {
            await RunAsync(job);
            lock (_gate)
            {
                if (--_pending == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private async Task RunAsync(Job job)
    {
        var subject = NotifyCommands.SubjectWord(job.Subject);
        var state = NotifyCommands.StateWord(job.State);
        var command = job.Command;
        try
        {
            var result = await _runner.RunAsync(command.Argv, _timeout, command.User, command.Group);
            if (result.Succeeded)
            {
                NotifyLog.Ran(_logger, command.Keyword, subject, job.Name, state);
            }
            else
            {
                NotifyLog.Failed(_logger, command.Keyword, subject, job.Name, state, result.Outcome.ToString(), result.ExitCode, result.Message);
            }
        }
#pragma warning disable CA1031 // A broken runner must not stop the queue; the failure is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            NotifyLog.Crashed(_logger, command.Keyword, subject, job.Name, state, e);
        }
    }

    private sealed record Job(NotifySubject Subject, string Name, NotifyState State, NotifyCommand Command);

    private sealed record Queue(Channel<Job> Jobs, Task Worker);
}
