namespace HaKube.Tcplb.DataPlane;

/// <summary>Which timeout governs a session's current deadline.</summary>
internal enum TimeoutKind
{
    None,
    Connect,
    TurnAround,
    Client,
    Server,
    ServerResponse,
    Tunnel,
    ClientFin,
    ServerFin,
}
