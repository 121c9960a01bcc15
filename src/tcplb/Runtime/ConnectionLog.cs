using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Logging;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// One line per closed connection in HAProxy's tcplog layout, for frontends with option tcplog: to the frontend's log
/// targets (its own and, with <c>log global</c>, the global ones), or to the journal when it names none; nowhere after
/// <c>no log</c>. Loop threads only enqueue (<see cref="LogQueue"/>); formatting and sending happen on its writer.
/// </summary>
internal sealed class ConnectionLog(LogQueue queue)
{
    /// <summary>The sink of a frontend: null when nothing would be logged; skips empty connections with dontlognull.</summary>
    public Action<ConnectionLogEntry>? For(Configuration.FrontendOptions frontend)
    {
        if (!frontend.LogConnections || frontend.LogDisabled)
        {
            return null;
        }

        LogRoute? route = null;
        if (!frontend.LogTargets.IsEmpty)
        {
            // HAProxy logs a closed TCP connection at info: targets whose level is below that (the guide's warning) get nothing.
            route = queue.Route(frontend.LogTargets, streams: true, frontend.LogHeader);
            if (!route.Takes(SyslogLevel.Info))
            {
                return null;
            }
        }
        else if (!queue.JournalTakesConnections)
        {
            return null;
        }

        var dontLogNull = frontend.DontLogNull;
        return entry =>
        {
            if (dontLogNull && entry.BytesRead == 0 && entry.BytesUploaded == 0)
            {
                return;
            }

            queue.TryWrite(new LogRecord(route, SyslogLevel.Info, entry, null));
        };
    }
}
