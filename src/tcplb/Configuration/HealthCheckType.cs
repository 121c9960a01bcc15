namespace HaKube.Tcplb.Configuration;

/// <summary>What an active health check does.</summary>
internal enum HealthCheckType
{
    /// <summary>A TCP connect; success when the connection is established (HAProxy's default, and <c>option tcp-check</c> without rules).</summary>
    Tcp,

    /// <summary>A TCP connect and a TLS handshake (<c>check-ssl</c>, or <c>tcp-check connect ssl</c>).</summary>
    Tls,

    /// <summary>An HTTP request over plain TCP (<c>option httpchk</c> without TLS).</summary>
    Http,

    /// <summary>An HTTP request over TLS (<c>option httpchk</c> with <c>http-check connect ssl</c> or <c>check-ssl</c>).</summary>
    Https,
}
