using System.Net;

namespace HaKube.Tcplb.DataPlane;

/// <summary>The fields of one HAProxy tcplog line (configuration.txt 8.2.2), captured when a session closes.</summary>
internal sealed record ConnectionLogEntry
{
    public required IPEndPoint Client { get; init; }

    /// <summary>When the connection was accepted (%t), local time.</summary>
    public required DateTimeOffset AcceptDate { get; init; }

    public required string Frontend { get; init; }

    public required string Backend { get; init; }

    /// <summary>The last server tried, or "&lt;NOSRV&gt;" when none was.</summary>
    public required string Server { get; init; }

    /// <summary>Tw: milliseconds waiting in the queue; -1 when the session ended in the queue.</summary>
    public required long QueueMilliseconds { get; init; }

    /// <summary>Tc: milliseconds to connect to the final server; -1 when never connected.</summary>
    public required long ConnectMilliseconds { get; init; }

    /// <summary>Tt: milliseconds from accept to close.</summary>
    public required long TotalMilliseconds { get; init; }

    /// <summary>%B: bytes sent by the server to the client.</summary>
    public required long BytesRead { get; init; }

    /// <summary>%U: bytes sent by the client to the server.</summary>
    public required long BytesUploaded { get; init; }

    public required TerminationState Termination { get; init; }

    /// <summary>actconn: sessions in the whole process when logged.</summary>
    public required int ActiveConnections { get; init; }

    /// <summary>feconn: sessions on this frontend when logged.</summary>
    public required int FrontendConnections { get; init; }

    /// <summary>beconn: sessions on servers of this backend when logged.</summary>
    public required int BackendConnections { get; init; }

    /// <summary>srv_conn: sessions on this server when logged.</summary>
    public required int ServerConnections { get; init; }

    public required int Retries { get; init; }

    public required int ServerQueue { get; init; }

    public required int BackendQueue { get; init; }
}
