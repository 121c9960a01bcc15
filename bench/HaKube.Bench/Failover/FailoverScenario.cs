namespace HaKube.Bench.Failover;

/// <summary>The faults of issue 5 point 4(b).</summary>
internal enum FailoverScenario
{
    /// <summary>The balancer (HAProxy or tcplb) on the VIP holder is killed with SIGKILL.</summary>
    BalancerKilled,

    /// <summary>The VRRP daemon (keepalived or vrrpd) on the VIP holder is killed with SIGKILL: it cannot clean up.</summary>
    VrrpKilled,

    /// <summary>The VRRP daemon on the VIP holder is stopped with SIGTERM: it resigns (priority 0) and removes the VIP.</summary>
    VrrpStopped,

    /// <summary>One apiserver (nginx on master1) is killed with SIGKILL; the VIP does not move.</summary>
    ApiserverKilled,
}
