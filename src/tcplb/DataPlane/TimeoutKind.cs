namespace HaKube.Tcplb.DataPlane;

/// <summary>Which timeout governs a session's current deadline.</summary>
internal enum TimeoutKind
{
    None,
    Connect,
    Client,
    Server,
    ServerResponse,
    Tunnel,
    ClientFin,
    ServerFin,
}
