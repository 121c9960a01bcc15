using System.Net;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

internal sealed class RecordingEvents : IDataPlaneEvents
{
    public int Paused;
    public int Resumed;
    public int LastErrno;

    public void AcceptPaused(string frontend, IPEndPoint bind, int errno)
    {
        LastErrno = errno;
        Interlocked.Increment(ref Paused);
    }

    public void AcceptResumed(string frontend, IPEndPoint bind) => Interlocked.Increment(ref Resumed);

    public void InheritedSocketUnused(IPEndPoint? localEndPoint)
    {
    }

    public void LoopFaulted(int loop, Exception exception)
    {
    }
}
