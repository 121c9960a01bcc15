namespace HaKube.Tcplb.DataPlane;

/// <summary>Outcome of <see cref="IBackendScheduler.TryAcquire"/>.</summary>
internal enum AcquireStatus
{
    /// <summary>A server was picked; the lease is set.</summary>
    Acquired,

    /// <summary>Servers exist but are all at maxconn: wait through <see cref="IBackendScheduler.AcquireQueuedAsync"/>.</summary>
    MustQueue,

    /// <summary>No usable server (all down or excluded): the connection is closed at once.</summary>
    NoServer,
}
