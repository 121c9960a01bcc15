using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Runtime;

/// <summary>A connection waiting in a backend queue for a maxconn slot; completed once, with a lease or null.</summary>
internal sealed class QueueWaiter
{
    private readonly TaskCompletionSource<IBackendLease?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _cancellation;
    private BackendRuntime? _owner;

    public QueueWaiter(BackendRuntime owner, int position)
    {
        _owner = owner;
        Position = position;
    }

    /// <summary>The backend whose queue holds it (changes when a reload moves it to the new configuration).</summary>
    public BackendRuntime Owner
    {
        get => Volatile.Read(ref _owner)!;
        set => Volatile.Write(ref _owner, value);
    }

    /// <summary>The client's address hash under balance source (0 otherwise): a dequeued connection goes where the hash says.</summary>
    public ulong ClientHash { get; init; }

    /// <summary>Servers this connection already failed on (a redispatch): a freed slot on one of them is not for it.</summary>
    public ServerIdSet Excluded { get; init; }

    /// <summary>Waiters ahead of this one when it entered (HAProxy %bq).</summary>
    public int Position { get; set; }

    /// <summary>Taken out of the queue (served, expired, failed or cancelled); set under the owner's lock.</summary>
    public bool Done { get; set; }

    public Task<IBackendLease?> Task => _done.Task;

    /// <summary>The client went away: leave the queue.</summary>
    public void WatchCancellation(CancellationToken cancellationToken)
        => _cancellation = cancellationToken.UnsafeRegister(static state => ((QueueWaiter)state!).Owner.Cancel((QueueWaiter)state!), this);

    /// <summary>Hands the result over; never waits for a running cancellation callback (it may wait for the lock we hold).</summary>
    public void Complete(IBackendLease? lease)
    {
        _cancellation.Unregister();
        if (!_done.TrySetResult(lease))
        {
            lease?.Release(default);
        }
    }
}
