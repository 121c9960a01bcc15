using System.Net;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Operational events of the engine, for the daemon's logger (each is rare: no per-connection events here).</summary>
internal interface IDataPlaneEvents
{
    /// <summary>accept4 ran out of descriptors or memory; the listener pauses and retries after a back-off. Reported once per episode.</summary>
    void AcceptPaused(string frontend, IPEndPoint bind, int errno);

    /// <summary>A paused listener accepted again.</summary>
    void AcceptResumed(string frontend, IPEndPoint bind);

    /// <summary>An inherited (socket-activated) descriptor matched no frontend bind address and was closed.</summary>
    void InheritedSocketUnused(IPEndPoint? localEndPoint);

    /// <summary>A bug: an event loop thread threw. The loop's sessions are closed.</summary>
    void LoopFaulted(int loop, Exception exception);
}
