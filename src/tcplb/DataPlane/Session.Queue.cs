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

        Loop.Post(_ =>
        {
            if (InUse && Generation == generation && Phase == SessionPhase.Queued)
            {
                OnDequeued(lease);
                AfterEvent();
            }
            else
            {
                lease?.Release(default);
            }
        });
    }
}
