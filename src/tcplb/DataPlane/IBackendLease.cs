namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// One connection's claim on one server, from <see cref="IBackendScheduler"/>. The engine calls, on its loop thread, for each
/// connect attempt at most one of <see cref="ReportConnected"/> or <see cref="ReportConnectFailed"/> (or ReportConnected then
/// ReportConnectFailed when the server closes before answering), several attempts when a retry stays on the same server, then
/// <see cref="Release"/> exactly once. Implementations must be thread-safe towards the balancer's own threads.
/// </summary>
internal interface IBackendLease
{
    BackendServer Server { get; }

    /// <summary>Requests served before this one in the server's queue (HAProxy %sq); 0 when not queued.</summary>
    int ServerQueuePosition { get; }

    /// <summary>Requests served before this one in the backend's queue (HAProxy %bq); 0 when not queued.</summary>
    int BackendQueuePosition { get; }

    /// <summary>The TCP connection to the server completed.</summary>
    void ReportConnected();

    /// <summary>The server failed before its first byte; called at once so the balancer stops sending it new connections (passive check).</summary>
    void ReportConnectFailed(ConnectFailure failure);

    /// <summary>The lease ends (session closed, or the engine moves to another server): frees the maxconn slot.</summary>
    void Release(in SessionTotals totals);
}
