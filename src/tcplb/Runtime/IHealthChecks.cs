namespace HaKube.Tcplb.Runtime;

/// <summary>
/// Active health checks of the servers of every backend (the seam Checks/ implements: TCP connect, TLS handshake,
/// HTTP(S) GET through YARP's probing). The daemon creates one instance per configuration: <see cref="Start"/> once,
/// then <see cref="IAsyncDisposable.DisposeAsync"/> on shutdown or before the reloaded configuration's instance starts.
/// </summary>
internal interface IHealthChecks : IAsyncDisposable
{
    /// <summary>
    /// Starts checking, in the background, each server <c>i</c> of each target while <see cref="HealthCheckTarget.IsCheckEnabled"/>
    /// holds; each result goes to <see cref="HealthCheckTarget.Report"/>, and the next check of that server comes
    /// <see cref="HealthCheckTarget.NextCheckDelay"/> later. Must return at once.
    /// </summary>
    void Start(IReadOnlyList<HealthCheckTarget> targets);
}
