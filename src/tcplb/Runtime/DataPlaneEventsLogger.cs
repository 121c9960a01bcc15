using System.Net;
using HaKube.Tcplb.DataPlane;
using Microsoft.Extensions.Logging;

namespace HaKube.Tcplb.Runtime;

/// <summary>The engine's rare events, logged.</summary>
internal sealed partial class DataPlaneEventsLogger(ILogger logger) : IDataPlaneEvents
{
    public void AcceptPaused(string frontend, IPEndPoint bind, int errno) => Paused(logger, frontend, bind, errno);

    public void AcceptResumed(string frontend, IPEndPoint bind) => Resumed(logger, frontend, bind);

    public void InheritedSocketUnused(IPEndPoint? localEndPoint) => Unused(logger, localEndPoint?.ToString() ?? "unknown address");

    public void LoopFaulted(int loop, Exception exception) => Faulted(logger, loop, exception);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "frontend {Frontend}: accept on {Bind} failed (errno {Errno}: out of descriptors or memory); pausing the listener, connections wait in the backlog")]
    private static partial void Paused(ILogger logger, string frontend, IPEndPoint bind, int errno);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "frontend {Frontend}: accepting on {Bind} again")]
    private static partial void Resumed(ILogger logger, string frontend, IPEndPoint bind);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "socket from systemd on {Address} matches no bind address of the configuration; closed it (fix tcplb.socket's ListenStream or the bind lines)")]
    private static partial void Unused(ILogger logger, string address);

    [LoggerMessage(EventId = 604, Level = LogLevel.Critical, Message = "event loop {Loop} failed; its connections were closed")]
    private static partial void Faulted(ILogger logger, int loop, Exception exception);
}
