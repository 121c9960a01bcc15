namespace HaKube.Tcplb.Configuration;

/// <summary>TLS settings of a server's TLS or HTTPS check (never of the forwarded traffic: tcplb passes TLS through).</summary>
internal sealed record CheckTlsOptions
{
    public TlsVerify Verify { get; init; } = TlsVerify.Required;

    /// <summary>PEM file of the CAs the server's certificate must chain to (HAProxy <c>ca-file</c>).</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM client certificate, for apiservers that refuse anonymous /readyz (HAProxy <c>crt</c>).</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM private key of the client certificate; null = the key is in <see cref="ClientCertificateFile"/> (as HAProxy's <c>crt</c>).</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>Server name sent in the handshake (HAProxy <c>check-sni</c>); null = none.</summary>
    public string? Sni { get; init; }
}
