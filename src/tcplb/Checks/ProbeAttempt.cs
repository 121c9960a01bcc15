namespace HaKube.Tcplb.Checks;

/// <summary>
/// One probe in flight: its target, its phase and why a TLS handshake was refused. HTTP probes carry it in the request's
/// options, so the HTTP handler's connect callback (<see cref="CheckHttpClientFactory"/>) connects where this probe goes.
/// </summary>
internal sealed class ProbeAttempt(CheckTarget target, CheckTlsContext? tls, TimeProvider time, CancellationToken cancellation)
{
    public static readonly HttpRequestOptionsKey<ProbeAttempt> OptionsKey = new("HaKube.Tcplb.Checks.ProbeAttempt");

    public CheckTarget Target { get; } = target;

    /// <summary>Null for Tcp and Http checks.</summary>
    public CheckTlsContext? Tls { get; } = tls;

    public TimeProvider Time { get; } = time;

    /// <summary>The probe's own bound (the connect callback of an HTTP handler gets a token of the handler's pool instead).</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    public ProbePhase Phase { get; set; } = ProbePhase.Connect;

    /// <summary>Set by certificate validation when it refuses the server's certificate.</summary>
    public string? CertificateError { get; set; }
}
