using System.Collections.Immutable;
using System.Net;
using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.DataPlane;

/// <summary>A frontend's live state: its options with timeouts in milliseconds, its counters, and the listening sockets the engine owns.</summary>
internal sealed class FrontendRuntime
{
    private readonly Dictionary<IPEndPoint, ConnectionSlots> _bindSlots = [];
    private int _backendCurrent;

    /// <summary>
    /// With <paramref name="predecessor"/> (the same frontend before a reload) the connection counters carry over, so its
    /// established connections still count against the limits; the limits are the new ones.
    /// </summary>
    public FrontendRuntime(FrontendOptions options, FrontendRuntime? predecessor = null)
    {
        Options = options;
        Slots = predecessor?.Slots ?? new ConnectionSlots(options.MaxConn);
        Slots.Limit = options.MaxConn;
        foreach (var limit in options.BindLimits)
        {
            var slots = limit.Bind.Select(b => predecessor?.BindSlots(b)).FirstOrDefault(s => s is not null) ?? new ConnectionSlots(limit.MaxConn);
            slots.Limit = limit.MaxConn;
            foreach (var bind in limit.Bind)
            {
                _bindSlots[bind] = slots;
            }
        }

        var t = options.Timeouts;
        ConnectMs = Ms(t.Connect);
        ClientMs = Ms(t.Client);
        ServerMs = Ms(t.Server);
        TunnelMs = Ms(t.Tunnel);
        ClientFinMs = Ms(t.ClientFin);
        ServerFinMs = Ms(t.ServerFin);
    }

    public FrontendOptions Options { get; }

    public string Name => Options.Name;

    public long ConnectMs { get; }

    public long ClientMs { get; }

    public long ServerMs { get; }

    public long TunnelMs { get; }

    public long ClientFinMs { get; }

    public long ServerFinMs { get; }

    /// <summary>Live client connections of this frontend against its maxconn (feconn).</summary>
    public ConnectionSlots Slots { get; }

    public int CurrentConnections => Slots.Count;

    /// <summary>Sessions holding a server of this frontend's backend (beconn; one backend per frontend).</summary>
    public int BackendConnections => Volatile.Read(ref _backendCurrent);

    /// <summary>Sockets shared by all loops (EPOLLEXCLUSIVE), closed by the engine once every loop let go.</summary>
    public List<FileDescriptorHandle> SharedSockets { get; } = [];

    /// <summary>
    /// Addresses actually bound (port 0 resolved): an immutable snapshot, replaced whole under the engine's control lock,
    /// so the admin socket, metrics and loop threads (readiness) read it without a lock.
    /// </summary>
    public ImmutableArray<IPEndPoint> LocalEndPoints { get; set; } = [];

    public bool Listening { get; set; }

    /// <summary>The slots of the bind line that configured <paramref name="bind"/>, when it has a maxconn of its own.</summary>
    public ConnectionSlots? BindSlots(IPEndPoint bind) => _bindSlots.GetValueOrDefault(bind);

    internal void EnterBackend() => Interlocked.Increment(ref _backendCurrent);

    internal void LeaveBackend() => Interlocked.Decrement(ref _backendCurrent);

    private static long Ms(TimeSpan? value) => value is { } v && v > TimeSpan.Zero ? (long)v.TotalMilliseconds : -1;
}
