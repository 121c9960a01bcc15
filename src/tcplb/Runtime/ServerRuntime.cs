using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// One server's identity, operator state and counters. It outlives a reload while its backend, name and address stay
/// the same, so leases taken before the reload release into the same counters; <see cref="Owner"/> and
/// <see cref="Index"/> name the backend that schedules it now. Counters are atomic; the rest changes under the owner's lock.
/// </summary>
internal sealed class ServerRuntime
{
    private long _active;
    private long _maxActive;
    private long _sessions;
    private long _bytesIn;
    private long _bytesOut;
    private long _connectFailures;
    private BackendRuntime? _owner;

    public ServerRuntime(BackendServer server, ServerOptions options)
    {
        Server = server;
        Options = options;
        Admin = options.Disabled ? AdminState.Maint : AdminState.Ready;
    }

    public BackendServer Server { get; }

    public int Id => Server.Id;

    public string Name => Server.Name;

    public ServerOptions Options { get; set; }

    /// <summary>The backend that schedules this server now.</summary>
    public BackendRuntime Owner
    {
        get => Volatile.Read(ref _owner) ?? throw new InvalidOperationException($"server {Name} has no backend yet");
        set => Volatile.Write(ref _owner, value);
    }

    /// <summary>Position in <see cref="Owner"/>'s server list.</summary>
    public int Index { get; set; }

    public AdminState Admin { get; set; }

    /// <summary>When the server last came back up (slowstart ramps from it); null = up since start.</summary>
    public DateTimeOffset? RecoveredAt { get; set; }

    /// <summary>When the current down period began; null while up.</summary>
    public DateTimeOffset? DownSince { get; set; }

    /// <summary>Down time of the periods that ended.</summary>
    public TimeSpan DownTotal { get; set; }

    /// <summary>Up-to-down transitions (HAProxy chkdown).</summary>
    public int Downs { get; set; }

    /// <summary>Failed active checks (HAProxy chkfail).</summary>
    public int FailedChecks { get; set; }

    /// <summary>Last up/down or operator change.</summary>
    public DateTimeOffset? LastChange { get; set; }

    /// <summary>Connections holding a lease on this server (connecting or established).</summary>
    public int Active => (int)Interlocked.Read(ref _active);

    public int MaxActive => (int)Interlocked.Read(ref _maxActive);

    public long Sessions => Interlocked.Read(ref _sessions);

    /// <summary>Bytes from clients to this server, counted when each connection ends.</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Bytes from this server to clients, counted when each connection ends.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public TimeSpan Downtime(DateTimeOffset now) => DownTotal + (DownSince is { } since ? now - since : TimeSpan.Zero);

    internal void Enter()
    {
        var active = Interlocked.Increment(ref _active);
        Interlocked.Increment(ref _sessions);
        Peak.Raise(ref _maxActive, active);
    }

    internal void Leave(in SessionTotals totals)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Add(ref _bytesIn, totals.BytesFromClient);
        Interlocked.Add(ref _bytesOut, totals.BytesFromServer);
    }

    internal void CountConnectFailure() => Interlocked.Increment(ref _connectFailures);
}
