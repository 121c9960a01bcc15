using System.Globalization;
using HaKube.Installer.Lab;

namespace HaKube.Bench.Failover;

/// <summary>
/// A fault of `hakube lab failover` with the VRRP timers both stacks run it under; <see cref="Tracking"/> other than
/// both ways makes it a HaKube-only variant that times one of vrrpd's balancer trackers alone.
/// </summary>
internal sealed record FailoverVariant(LabFault Fault, decimal AdvertInt, int Version, BalancerTracking Tracking = BalancerTracking.PidfileAndStream)
{
    /// <summary>True for the variants both stacks run; the single-tracker ones have no Keepalived counterpart.</summary>
    public bool BothStacks => Tracking == BalancerTracking.PidfileAndStream;

    /// <summary>True when the fault should move the VIP to the other load balancer.</summary>
    public bool VipMoves => LabFaults.MovesVip(Fault);

    /// <summary>The timers for <see cref="LabRuntime.UseStackAsync"/>: the version is pinned, so both stacks speak the same one.</summary>
    public VrrpTimers Timers => VrrpTimers.Create(AdvertInt, Version);

    public string TimersName => string.Create(CultureInfo.InvariantCulture, $"advert_int {AdvertInt} s (VRRPv{Version})");

    public string Name => $"{Describe(Fault)}, {TimersName}" + Tracking switch
    {
        BalancerTracking.Pidfile => ", vrrpd tracking tcplb by pidfile only",
        BalancerTracking.Stream => ", vrrpd tracking tcplb by its readiness stream only",
        _ => "",
    };

    private static string Describe(LabFault f) => f switch
    {
        LabFault.Balancer => "balancer SIGKILL on the VIP holder",
        LabFault.VrrpKill => "VRRP daemon SIGKILL on the VIP holder",
        LabFault.VrrpTerm => "VRRP daemon SIGTERM on the VIP holder",
        LabFault.Apiserver => "one apiserver SIGKILL",
        _ => "VIP holder node dies (link cut)",
    };
}
