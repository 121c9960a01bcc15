using System.Net;
using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.DataPlane;

/// <summary>A frontend's live state: its options with timeouts in milliseconds, its counters, and the listening sockets the engine owns.</summary>
internal sealed class FrontendRuntime
{
    private int _current;
    private int _backendCurrent;

    public FrontendRuntime(FrontendOptions options)
    {
        Options = options;
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

    public int CurrentConnections => Volatile.Read(ref _current);

    /// <summary>Sessions holding a server of this frontend's backend (beconn; one backend per frontend).</summary>
    public int BackendConnections => Volatile.Read(ref _backendCurrent);

    /// <summary>Sockets shared by all loops (EPOLLEXCLUSIVE), closed by the engine once every loop let go.</summary>
    public List<FileDescriptorHandle> SharedSockets { get; } = [];

    /// <summary>Addresses actually bound (port 0 resolved).</summary>
    public List<IPEndPoint> LocalEndPoints { get; } = [];

    public bool Listening { get; set; }

    internal int Enter() => Interlocked.Increment(ref _current);

    internal int Leave() => Interlocked.Decrement(ref _current);

    internal void EnterBackend() => Interlocked.Increment(ref _backendCurrent);

    internal void LeaveBackend() => Interlocked.Decrement(ref _backendCurrent);

    private static long Ms(TimeSpan? value) => value is { } v && v > TimeSpan.Zero ? (long)v.TotalMilliseconds : -1;
}
