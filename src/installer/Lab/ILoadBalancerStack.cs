using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// What runs on lb1 and lb2: a balancer and a VRRP daemon, configured, started and checked. Disposing it stops what
/// it does on its own when a daemon exits: call it before the lab stops the daemons on purpose.
/// </summary>
internal interface ILoadBalancerStack : IAsyncDisposable
{
    LabMode Mode { get; }

    /// <summary>"haproxy" or "tcplb": what `lab failover` kills by default.</summary>
    string BalancerName { get; }

    /// <summary>"keepalived" or "vrrpd".</summary>
    string VrrpName { get; }

    /// <summary>The advertisement interval and version both nodes run.</summary>
    VrrpTimers Timers { get; }

    /// <summary>How vrrpd follows tcplb (HaKube only; the reference stack's keepalived runs the guide's script).</summary>
    BalancerTracking Tracking => BalancerTracking.PidfileAndStream;

    /// <summary>The VRRP version the nodes run with <see cref="Timers"/>.</summary>
    int VrrpVersion { get; }

    /// <summary>Writes the node's configuration files inside the host (its private /etc).</summary>
    Task WriteFilesAsync(LabHost host, LabNode node, CancellationToken ct);

    /// <summary>Starts the balancer and returns once it listens on :6443.</summary>
    Task<LabProcess> StartBalancerAsync(LabHost host, CancellationToken ct);

    /// <summary>
    /// After a dead server came back: brings it to full weight in the running balancer at once, as a fresh start of
    /// the balancer has it, so the next failover starts from the steady state; returns the balancer process that
    /// runs now, or null when there is nothing to do. HAProxy ramps a recovered server over the guide's slowstart 60s
    /// (a server killed again during the ramp fails a fraction of the connections it would at full weight) and never
    /// at its own start; the lab's tcplb has no slow start.
    /// </summary>
    Task<LabProcess?> RefreshBalancerAsync(LabHost host, LabProcess running, CancellationToken ct);

    /// <summary>Starts the VRRP daemon and returns once it runs (the VIP may come later).</summary>
    Task<LabProcess> StartVrrpAsync(LabHost host, CancellationToken ct);

    /// <summary>
    /// True when the node's service manager cleans up the moment the VRRP daemon exits, whatever ended it (vrrpd.service's
    /// ExecStopPost=vrrpd --release): a SIGKILLed daemon's VIP leaves its node at once. False for Keepalived, whose unit
    /// has no such hook: its VIP stays until someone removes it.
    /// </summary>
    bool ReleasesOnExit { get; }

    /// <summary>What the stack did on its own so far (<see cref="ReleasesOnExit"/>), oldest first.</summary>
    IReadOnlyList<StackAction> Actions { get; }

    /// <summary>Waits (bounded) until what the stack started on its own on <paramref name="host"/> has finished.</summary>
    Task WhenIdleAsync(LabHost host, CancellationToken ct);

    /// <summary>
    /// Cleans up after a VRRP daemon that died without doing so (SIGKILL), before it starts again, as the node's
    /// service manager or operator would; says what it did, or null when there was nothing to do. Safe to call when
    /// <see cref="ReleasesOnExit"/> has cleaned up already.
    /// </summary>
    Task<string?> CleanUpDeadVrrpAsync(LabHost host, CancellationToken ct);

    /// <summary>
    /// Null when the node's VRRP daemon could take the VIP over now (master or backup, not in fault: a node still
    /// in fault ignores its peer's priority-0 advert and would wait Master_Down_Interval); else what it is doing.
    /// </summary>
    Task<string?> NotReadyToTakeOverAsync(LabHost host, CancellationToken ct);
}
