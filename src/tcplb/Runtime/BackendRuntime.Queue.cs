using HaKube.Tcplb.Balancing;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// The backend queue (HAProxy's pendconns without a server): connections wait, oldest served first, for any server's
/// maxconn slot, at most timeout queue; when no server is usable any more they are closed at once.
/// </summary>
internal sealed partial class BackendRuntime
{
    private readonly ConnectionQueue<QueueWaiter> _queue = new();
    private readonly TimeSpan _queueTimeout;
    private int _queueLive;
    private int _queueMax;
    private long _queueTimeouts;
    private ITimer? _queueTimer;

    /// <summary>Connections waiting now.</summary>
    public int Queued => Volatile.Read(ref _queueLive);

    public ValueTask<IBackendLease?> AcquireQueuedAsync(ClientConnectionInfo client, ServerIdSet excluded, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _successor) is { } next)
        {
            return next.AcquireQueuedAsync(client, excluded, cancellationToken);
        }

        var hash = Options.Balance == BalanceAlgorithm.Source ? SourceHash.Compute(client.Client.Address) : 0;
        QueueWaiter waiter;
        lock (_gate)
        {
            // A slot may have freed since TryAcquire said to queue.
            var result = PickLocked(hash, Mask(excluded));
            if (result.Outcome == PickOutcome.Server)
            {
                return ValueTask.FromResult<IBackendLease?>(LeaseLocked(result.Server, 0));
            }

            if (result.Outcome != PickOutcome.Queue)
            {
                _refused++;
                return ValueTask.FromResult<IBackendLease?>(null);
            }

            waiter = new QueueWaiter(this, _queueLive) { ClientHash = hash, Excluded = excluded };
            EnqueueLocked(waiter);
        }

        waiter.WatchCancellation(cancellationToken);
        return new ValueTask<IBackendLease?>(waiter.Task);
    }

    /// <summary>A lease ended: give the slot to the oldest waiter that may take it.</summary>
    internal void OnSlotFreed()
    {
        if (Volatile.Read(ref _queueLive) > 0)
        {
            DispatchQueue();
        }
    }

    internal void Cancel(QueueWaiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Done)
            {
                return;
            }

            waiter.Done = true;
            _queueLive--;
        }

        waiter.Complete(null);
    }

    /// <summary>Takes a waiter queued in the configuration before a reload.</summary>
    private void Adopt(QueueWaiter waiter)
    {
        if (Volatile.Read(ref _successor) is { } next)
        {
            next.Adopt(waiter);
            return;
        }

        waiter.Owner = this;
        lock (_gate)
        {
            waiter.Done = false;
            waiter.Position = _queueLive;
            EnqueueLocked(waiter);
        }

        DispatchQueue();
    }

    /// <summary>
    /// Serves waiters, oldest first, while a server has a free slot for them, each picked as for that connection (its
    /// source hash, without the servers it already failed on); one for which no server is usable any more is closed. A
    /// waiter that may use every server and finds none free ends the pass, since nobody behind it can be served. One
    /// that avoids servers it failed on does not: a slot freeing on such a server goes to the next waiter instead of
    /// idling until a slot it may take frees too (or timeout queue closes the waiters behind it).
    /// </summary>
    private void DispatchQueue()
    {
        lock (_gate)
        {
            // Served entries behind the oldest stay in place, marked done, and are dropped when they reach the head.
            for (var i = 0; i < _queue.Count && _queueLive > 0; i++)
            {
                var waiter = _queue[i];
                if (waiter.Done)
                {
                    continue;
                }

                var result = PickLocked(waiter.ClientHash, Mask(waiter.Excluded));
                if (result.Outcome is PickOutcome.Queue or PickOutcome.QueueFull)
                {
                    // No slot for it (the queue it is in counts towards the bound): it keeps waiting.
                    if (waiter.Excluded.Count == 0)
                    {
                        break;
                    }

                    continue;
                }

                waiter.Done = true;
                _queueLive--;
                if (result.Outcome == PickOutcome.Server)
                {
                    waiter.Complete(LeaseLocked(result.Server, waiter.Position));
                }
                else
                {
                    _refused++;
                    waiter.Complete(null);
                }
            }

            _ = TryPeekNextLocked(out _);
            ArmQueueTimerLocked();
        }
    }

    /// <summary>The oldest waiter still waiting; entries already served, expired or cancelled are dropped on the way.</summary>
    private bool TryPeekNextLocked(out QueueWaiter waiter)
    {
        while (_queue.TryPeek(out waiter))
        {
            if (!waiter.Done)
            {
                return true;
            }

            _ = _queue.TryDequeue(out _);
        }

        return false;
    }

    private void EnqueueLocked(QueueWaiter waiter)
    {
        _queue.Enqueue(waiter, _time.GetUtcNow());
        _queueLive++;
        _queueMax = Math.Max(_queueMax, _queueLive);
        ArmQueueTimerLocked();
    }

    private bool TryTakeNextLocked(out QueueWaiter waiter)
    {
        while (_queue.TryDequeue(out waiter))
        {
            if (!waiter.Done)
            {
                waiter.Done = true;
                _queueLive--;
                return true;
            }
        }

        return false;
    }

    private void ArmQueueTimerLocked()
    {
        if (_queue.NextExpiry(_queueTimeout) is not { } expiry || Volatile.Read(ref _successor) is not null)
        {
            _queueTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = expiry - _time.GetUtcNow();
        _queueTimer ??= _time.CreateTimer(static state => ((BackendRuntime)state!).ExpireQueue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _queueTimer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>timeout queue: waiters that waited that long are closed (HAProxy's sQ).</summary>
    private void ExpireQueue()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_queue.TryExpire(now, _queueTimeout, out var waiter))
            {
                if (!waiter.Done)
                {
                    waiter.Done = true;
                    _queueLive--;
                    _queueTimeouts++;
                    waiter.Complete(null);
                }
            }

            if (_queueTimer is not null)
            {
                ArmQueueTimerLocked();
            }
        }
    }
}
