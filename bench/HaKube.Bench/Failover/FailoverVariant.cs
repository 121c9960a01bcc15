using System.Globalization;

namespace HaKube.Bench.Failover;

/// <summary>A scenario with the VRRP timers it runs under.</summary>
internal sealed record FailoverVariant(FailoverScenario Scenario, decimal AdvertInt, int Version)
{
    /// <summary>True when the fault should move the VIP to the other load balancer.</summary>
    public bool VipMoves => Scenario != FailoverScenario.ApiserverKilled;

    /// <summary>How long a run watches after the fault at most (the reference's worst case plus margin).</summary>
    public TimeSpan Window => Scenario == FailoverScenario.ApiserverKilled ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(15);

    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Describe(Scenario)}, advert_int {AdvertInt} s (VRRPv{Version})");

    private static string Describe(FailoverScenario s) => s switch
    {
        FailoverScenario.BalancerKilled => "balancer SIGKILL on the VIP holder",
        FailoverScenario.VrrpKilled => "VRRP daemon SIGKILL on the VIP holder",
        FailoverScenario.VrrpStopped => "VRRP daemon SIGTERM on the VIP holder",
        _ => "one apiserver SIGKILL",
    };
}
