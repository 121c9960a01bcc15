namespace HaKube.Tcplb.Runtime;

/// <summary>
/// Active health checks of the servers of every backend (Checks/HealthCheckService: TCP connect, TLS handshake,
/// HTTP(S) GET through YARP's probing). The daemon creates one instance per configuration: <see cref="Start"/> once,
/// then <see cref="IAsyncDisposable.DisposeAsync"/> on shutdown or before the reloaded configuration's instance starts.
/// The health state itself belongs to the backends (<see cref="HealthCheckTarget"/>); an implementation only probes
/// and reports.
/// </summary>
internal interface IHealthChecks : IAsyncDisposable
{
    /// <summary>
    /// Starts checking, in the background, each server <c>i</c> of each target while <see cref="HealthCheckTarget.IsCheckEnabled"/>
    /// holds; each result goes to <see cref="HealthCheckTarget.Report"/>, and the next check of that server comes
    /// <see cref="HealthCheckTarget.NextCheckDelay"/> later. Returns at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The checks cannot run as configured (a CA file or client certificate cannot be loaded); the message is for the operator.</exception>
    void Start(IReadOnlyList<HealthCheckTarget> targets);

    /// <summary>Server <paramref name="server"/> of <paramref name="backend"/>'s last finished check; null before the first or when it is not checked.</summary>
    ServerCheckReport? LastCheck(string backend, int server);
}
