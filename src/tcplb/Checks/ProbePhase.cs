namespace HaKube.Tcplb.Checks;

/// <summary>Where a probe is, so a timeout or an error is reported at the right layer (L4, L6, L7).</summary>
internal enum ProbePhase
{
    Connect,
    Handshake,
    Request,
}
