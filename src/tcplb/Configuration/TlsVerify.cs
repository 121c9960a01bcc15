namespace HaKube.Tcplb.Configuration;

/// <summary>Whether a TLS or HTTPS check verifies the server's certificate (HAProxy's <c>verify</c>).</summary>
internal enum TlsVerify
{
    /// <summary>Verify against <see cref="CheckTlsOptions.CaFile"/> (HAProxy's default; a CA file is then required).</summary>
    Required,

    /// <summary>Accept any certificate.</summary>
    None,
}
