using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Logging;

/// <summary>Where tcplb's own events go: a backend's targets for its servers' events (as HAProxy's send_log on the backend), the global ones otherwise.</summary>
internal sealed class LogRouting
{
    private readonly Dictionary<string, LogRoute> _backends = new(StringComparer.Ordinal);

    public LogRouting(TcplbOptions options, LogQueue queue)
    {
        Global = queue.Route(options.Global.Logs, streams: false, options.Global.LogHeader);
        foreach (var backend in options.Backends)
        {
            _backends[backend.Name] = queue.Route(backend.LogTargets, streams: false, backend.LogHeader);
        }
    }

    public LogRoute Global { get; }

    public LogRoute For(string? backend) => backend is not null && _backends.TryGetValue(backend, out var route) ? route : Global;
}
