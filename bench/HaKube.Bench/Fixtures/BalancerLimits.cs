namespace HaKube.Bench.Fixtures;

/// <summary>Which limits the balancer's file carries.</summary>
internal enum BalancerLimits
{
    /// <summary>The guide's: global maxconn 4000, per server maxconn 250 and maxqueue 256 (750 live connections in all).</summary>
    Guide,

    /// <summary>Limits that admit 5,000 idle connections: global maxconn 6000, no per-server maxconn or queue.</summary>
    Admit5000,
}
