namespace HaKube.Bench.Fixtures;

/// <summary>A balancer under test and the file it reads.</summary>
internal enum BalancerKind
{
    /// <summary>HAProxy 2.6 (Debian) with a haproxy.cfg, run as <c>haproxy -f FILE -db</c>.</summary>
    Haproxy,

    /// <summary>tcplb reading the very same haproxy.cfg.</summary>
    TcplbHaproxyCfg,

    /// <summary>tcplb reading its native JSON (docs/tcplb-config.md) with the same servers and limits.</summary>
    TcplbNative,
}
