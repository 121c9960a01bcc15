using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// One connection's slot on one server. Reports go to the server's current owner, so a lease taken before a reload
/// still frees its slot and still marks its server down in the configuration that runs now.
/// </summary>
internal sealed class BackendLease(ServerRuntime server, int backendQueuePosition) : IBackendLease
{
    private int _released;

    public BackendServer Server => server.Server;

    public int ServerQueuePosition => 0;

    public int BackendQueuePosition => backendQueuePosition;

    public void ReportConnected()
    {
    }

    public void ReportConnectFailed(ConnectFailure failure)
    {
        server.CountConnectFailure();
        server.Owner.OnConnectFailed(server, failure);
    }

    public void Release(in SessionTotals totals)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        server.Leave(totals);
        server.Owner.OnSlotFreed();
    }
}
