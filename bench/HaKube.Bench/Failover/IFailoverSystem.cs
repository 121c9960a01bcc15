using HaKube.NetLab;

namespace HaKube.Bench.Failover;

/// <summary>
/// A VRRP daemon plus a balancer on lb1 and lb2 of a <see cref="FailoverLab"/>: Keepalived + HAProxy with the guide's
/// files, or vrrpd + tcplb. The slot for `hakube lab` (src/installer/Lab): once it can run a failover against an
/// existing topology, wrap it in another implementation and add it to <see cref="FailoverBench"/>'s list.
/// </summary>
internal interface IFailoverSystem
{
    /// <summary>The name shown in RESULTS.md.</summary>
    string Name { get; }

    /// <summary>Starts both nodes' daemons for <paramref name="variant"/>.</summary>
    /// <exception cref="Fixtures.DaemonExitedException">A daemon cannot run (binary missing, exits at once).</exception>
    Task StartAsync(FailoverLab lab, FailoverVariant variant, CancellationToken ct);

    /// <summary>Injects a node fault (balancer or VRRP daemon) on <paramref name="holder"/>, returning as soon as the signal is sent.</summary>
    Task InjectAsync(FailoverScenario scenario, LabHost holder, CancellationToken ct);

    /// <summary>Starts again what <see cref="InjectAsync"/> ended, and waits until it is healthy.</summary>
    Task RestoreAsync(FailoverScenario scenario, LabHost holder, CancellationToken ct);

    /// <summary>Stops every daemon it started.</summary>
    Task StopAsync();
}
