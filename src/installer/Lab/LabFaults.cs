namespace HaKube.Installer.Lab;

/// <summary>The names `--fault` takes and what each fault should do to the VIP.</summary>
internal static class LabFaults
{
    /// <summary>The master whose apiserver stand-in <see cref="LabFault.Apiserver"/> kills.</summary>
    public static LabNode ApiserverTarget => LabTopology.Masters[0];

    /// <summary>Every fault with its command-line name, in the order the help lists them.</summary>
    public static IReadOnlyList<(LabFault Fault, string Name)> Names { get; } =
    [
        (LabFault.Balancer, "balancer"),
        (LabFault.VrrpKill, "vrrp-kill"),
        (LabFault.VrrpTerm, "vrrp-term"),
        (LabFault.Apiserver, "apiserver"),
        (LabFault.Node, "node"),
    ];

    public static string Name(LabFault fault) => Names.First(n => n.Fault == fault).Name;

    /// <summary>The fault named <paramref name="name"/>; null when there is none of that name.</summary>
    public static LabFault? Parse(string name)
    {
        foreach (var (fault, known) in Names)
        {
            if (known == name)
            {
                return fault;
            }
        }

        return null;
    }

    /// <summary>True when the fault should move the VIP to the other load balancer (all but an apiserver behind the balancers).</summary>
    public static bool MovesVip(LabFault fault) => fault != LabFault.Apiserver;

    /// <summary>
    /// True when the old holder should give the VIP up: a dead balancer makes its VRRP daemon resign, SIGTERM makes it
    /// resign, and after SIGKILL the node's service manager does it for the dead daemon when the stack has such a hook
    /// (<paramref name="releasesOnExit"/>: vrrpd.service's ExecStopPost=vrrpd --release; keepalived's unit has none).
    /// </summary>
    public static bool OldHolderRemovesVip(LabFault fault, bool releasesOnExit) =>
        fault is LabFault.Balancer or LabFault.VrrpTerm || (fault == LabFault.VrrpKill && releasesOnExit);

    /// <summary>
    /// How long a failover watches at least. An apiserver fault fails no connection through a balancer that retries
    /// elsewhere, so the watch must outlast the balancer's checks marking the server down (tcplb: fall 2 at fastinter
    /// 200 ms after a 2 s inter) to say "zero failures while it was down"; a balancer that does not retry keeps failing
    /// connections until it marks the server down, which the 1 s of passing probes at the end waits for anyway.
    /// </summary>
    public static TimeSpan MinimumWatch(LabFault fault) => fault == LabFault.Apiserver ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(1);
}
