namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Picks a server for each new connection (roundrobin, leastconn, source, maxconn with queue, slowstart live behind this).
/// Called on the engine's loop threads; must be thread-safe and must not block.
/// </summary>
internal interface IBackendScheduler
{
    /// <summary>Picks a usable server not in <paramref name="excluded"/> at once, or says to queue, or that none is usable.</summary>
    AcquireStatus TryAcquire(in ClientConnectionInfo client, in ServerIdSet excluded, out IBackendLease? lease);

    /// <summary>After <paramref name="lease"/>'s connect failed (and was reported): whether its server is still up and whether the backend spreads clients freely.</summary>
    Balancing.RetryContext RetryContext(IBackendLease lease);

    /// <summary>Waits for a maxconn slot (timeout queue is the scheduler's); null when the wait ends without a server. Cancelled when the client goes away.</summary>
    ValueTask<IBackendLease?> AcquireQueuedAsync(ClientConnectionInfo client, ServerIdSet excluded, CancellationToken cancellationToken);
}
