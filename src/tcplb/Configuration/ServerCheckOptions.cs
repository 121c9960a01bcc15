namespace HaKube.Tcplb.Configuration;

/// <summary>
/// A server's active health check, resolved (defaults, default-server and server line applied). A server whose check
/// is not <see cref="Enabled"/> is never checked and always up, as in HAProxy.
/// </summary>
internal sealed record ServerCheckOptions
{
    /// <summary>HAProxy's <c>check</c> on the server line.</summary>
    public bool Enabled { get; init; }

    public HealthCheckType Type { get; init; } = HealthCheckType.Tcp;

    /// <summary>Interval while fully up (HAProxy <c>inter</c>, default 2 s); also the whole check's timeout when <c>timeout check</c> is not set.</summary>
    public TimeSpan Inter { get; init; } = OptionDefaults.Inter;

    /// <summary>Interval while changing state or not yet checked; null = <see cref="Inter"/> (HAProxy <c>fastinter</c>).</summary>
    public TimeSpan? FastInter { get; init; }

    /// <summary>Interval while fully down; null = <see cref="Inter"/> (HAProxy <c>downinter</c>).</summary>
    public TimeSpan? DownInter { get; init; }

    /// <summary>Consecutive successes that bring a down server up (HAProxy <c>rise</c>, default 2).</summary>
    public int Rise { get; init; } = OptionDefaults.Rise;

    /// <summary>Consecutive failures that take an up server down (HAProxy <c>fall</c>, default 3).</summary>
    public int Fall { get; init; } = OptionDefaults.Fall;

    /// <summary>Port to check; null = the server's port (HAProxy <c>port</c>).</summary>
    public int? Port { get; init; }

    /// <summary>TLS settings for <see cref="HealthCheckType.Tls"/> and <see cref="HealthCheckType.Https"/> checks.</summary>
    public CheckTlsOptions Tls { get; init; } = new();

    /// <summary>A failed connect of forwarded traffic marks the server down at once (until <see cref="Rise"/> checks pass). tcplb's behaviour; HAProxy's <c>observe layer4</c> with <c>on-error mark-down</c>.</summary>
    public bool PassiveMarkDown { get; init; } = true;
}
