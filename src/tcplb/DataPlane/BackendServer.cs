using System.Net;
using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.DataPlane;

/// <summary>The data plane's view of one server: identity, address, live counters. The balancer keeps one instance per configured server.</summary>
internal sealed class BackendServer
{
    private int _current;

    public BackendServer(int id, string backendName, string name, IPEndPoint endPoint)
    {
        Id = id;
        BackendName = backendName;
        Name = name;
        EndPoint = endPoint;
        SocketAddress = SockAddr.Encode(endPoint);
    }

    /// <summary>Stable identifier, used by <see cref="ProxyEngine.CloseSessionsAsync"/>.</summary>
    public int Id { get; }

    public string BackendName { get; }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>Sessions currently holding a lease on this server (connecting or established): HAProxy's srv_conn.</summary>
    public int CurrentConnections => Volatile.Read(ref _current);

    /// <summary>The encoded sockaddr, cached so a connect allocates nothing.</summary>
    internal byte[] SocketAddress { get; }

    internal int Enter() => Interlocked.Increment(ref _current);

    internal int Leave() => Interlocked.Decrement(ref _current);
}
