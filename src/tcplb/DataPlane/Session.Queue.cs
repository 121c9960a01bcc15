namespace HaKube.Tcplb.DataPlane;

/// <summary>The asynchronous wait in a server queue; its result comes back to the loop thread through a posted command.</summary>
internal sealed partial class Session : IDisposable
{
    /// <summary>Frees what a pooled session may still hold when its loop is torn down.</summary>
    public void Dispose()
    {
        _queueCancel?.Dispose();
        _queueCancel = null;
    }

    private async Task AwaitQueueAsync(Task<IBackendLease?> wait, uint generation)
    {
        IBackendLease? lease;
        try
        {
            lease = await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lease = null;
        }
        catch (Exception e)
        {
            // A scheduler bug: the session leaves the queue as if it timed out, and the loop hears of it.
            lease = null;
            _ = Loop.Post(loop => loop.Events.LoopFaulted(loop.Id, e));
        }

        var posted = Loop.Post(_ =>
        {
            if (InUse && Generation == generation && Phase == SessionPhase.Queued)
            {
                try
                {
                    OnDequeued(lease);
                    AfterEvent();
                }
                catch (Exception e)
                {
                    Loop.Fault(this, e);
                }
            }
            else
            {
                lease?.Release(default);
            }
        });
        if (!posted)
        {
            // The loop has ended (shutdown): its sessions are gone, and the server slot goes back here.
            lease?.Release(default);
        }
    }
}
