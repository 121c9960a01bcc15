using System.Net;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Discards events.</summary>
internal sealed class NullDataPlaneEvents : IDataPlaneEvents
{
    public static readonly NullDataPlaneEvents Instance = new();

    public void AcceptPaused(string frontend, IPEndPoint bind, int errno)
    {
    }

    public void AcceptResumed(string frontend, IPEndPoint bind)
    {
    }

    public void InheritedSocketUnused(IPEndPoint? localEndPoint)
    {
    }

    public void LoopFaulted(int loop, Exception exception)
    {
    }
}
