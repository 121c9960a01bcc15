using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Runtime;

/// <summary>The scheduler of a frontend without a backend: every connection is closed at once.</summary>
internal sealed class NoServerScheduler : IBackendScheduler
{
    public static readonly NoServerScheduler Instance = new();

    public AcquireStatus TryAcquire(in ClientConnectionInfo client, in ServerIdSet excluded, out IBackendLease? lease)
    {
        lease = null;
        return AcquireStatus.NoServer;
    }

    public Balancing.RetryContext RetryContext(IBackendLease lease) => default;

    public ValueTask<IBackendLease?> AcquireQueuedAsync(ClientConnectionInfo client, ServerIdSet excluded, CancellationToken cancellationToken)
        => ValueTask.FromResult<IBackendLease?>(null);
}
