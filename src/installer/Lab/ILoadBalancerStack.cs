using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>What runs on lb1 and lb2: a balancer and a VRRP daemon, configured, started and checked.</summary>
internal interface ILoadBalancerStack
{
    LabMode Mode { get; }

    /// <summary>"haproxy" or "tcplb": what `lab failover` kills by default.</summary>
    string BalancerName { get; }

    /// <summary>"keepalived" or "vrrpd".</summary>
    string VrrpName { get; }

    /// <summary>The advertisement interval and version both nodes run.</summary>
    VrrpTimers Timers { get; }

    /// <summary>The VRRP version the nodes run with <see cref="Timers"/>.</summary>
    int VrrpVersion { get; }

    /// <summary>Writes the node's configuration files inside the host (its private /etc).</summary>
    Task WriteFilesAsync(LabHost host, LabNode node, CancellationToken ct);

    /// <summary>Starts the balancer and returns once it listens on :6443.</summary>
    Task<LabProcess> StartBalancerAsync(LabHost host, CancellationToken ct);

    /// <summary>Starts the VRRP daemon and returns once it runs (the VIP may come later).</summary>
    Task<LabProcess> StartVrrpAsync(LabHost host, CancellationToken ct);

    /// <summary>
    /// Cleans up after a VRRP daemon that died without doing so (SIGKILL), before it starts again, as the node's
    /// service manager or operator would; says what it did, or null when there was nothing to do.
    /// </summary>
    Task<string?> CleanUpDeadVrrpAsync(LabHost host, CancellationToken ct);

    /// <summary>
    /// Null when the node's VRRP daemon could take the VIP over now (master or backup, not in fault: a node still
    /// in fault ignores its peer's priority-0 advert and would wait Master_Down_Interval); else what it is doing.
    /// </summary>
    Task<string?> NotReadyToTakeOverAsync(LabHost host, CancellationToken ct);
}
