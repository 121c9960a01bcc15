namespace HaKube.Tcplb.DataPlane;

/// <summary>Where a session is in its life; all but <see cref="Forwarding"/> keep the client's first bytes for a replay.</summary>
internal enum SessionPhase
{
    /// <summary>Waiting for a maxconn slot.</summary>
    Queued,

    /// <summary>connect() in flight.</summary>
    Connecting,

    /// <summary>A connect failed and is retried on the same server after HAProxy's turn-around, min(timeout connect, 1 s).</summary>
    TurnAround,

    /// <summary>Connected; client bytes sent from the held buffer; no byte from the server yet.</summary>
    AwaitingResponse,

    /// <summary>The server answered (or the held buffer filled): splicing both ways, no more retries.</summary>
    Forwarding,
}
