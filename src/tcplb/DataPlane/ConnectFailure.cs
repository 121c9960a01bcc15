namespace HaKube.Tcplb.DataPlane;

/// <summary>Why a server failed a connection before sending its first byte (a passive-check event for the balancer).</summary>
internal enum ConnectFailure
{
    /// <summary>connect() failed: RST (ECONNREFUSED), unreachable, or any other SO_ERROR.</summary>
    Refused,

    /// <summary>connect() did not complete within timeout connect.</summary>
    Timeout,

    /// <summary>Connected, then reset before answering.</summary>
    ResetBeforeResponse,

    /// <summary>Connected, then closed (FIN) before answering: typically a server that is stopping.</summary>
    ClosedBeforeResponse,

    /// <summary>Connected, then sent nothing within timeout server.</summary>
    ResponseTimeout,
}
