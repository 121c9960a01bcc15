namespace HaKube.ApiServerStandIn;

/// <summary>What /readyz reports: ready, toggled unready, or shutting down (as kube-apiserver's [-]shutdown check).</summary>
internal sealed class Readiness
{
    private volatile bool _unready;
    private volatile bool _shuttingDown;

    public bool IsReady => !_unready && !_shuttingDown;

    public bool ShuttingDown => _shuttingDown;

    public bool Toggle() => !(_unready = !_unready);

    public void BeginShutdown() => _shuttingDown = true;

    /// <summary>The body kube-apiserver gives for a failing /readyz, naming the failing check.</summary>
    public string FailureBody => _shuttingDown ? "[-]shutdown failed: reason withheld\nreadyz check failed\n" : "[-]etcd failed: reason withheld\nreadyz check failed\n";
}
