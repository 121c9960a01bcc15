namespace HaKube.ApiServerStandIn;

/// <summary>
/// A host lifetime that does not react to SIGTERM/SIGINT itself (the console lifetime stops the host at
/// once), so the stand-in's own handler can fail /readyz for the shutdown delay first, as kube-apiserver does.
/// </summary>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
