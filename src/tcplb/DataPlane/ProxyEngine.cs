using System.Net;
using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// The TCP forwarding engine: event loops (one per core), their listeners and sessions, and the controls the daemon needs.
/// Controls are safe from any thread; they reach the loops through their command queues.
/// </summary>
internal sealed partial class ProxyEngine : IAsyncDisposable
{
    private readonly EngineOptions _options;
    private Dictionary<string, FrontendRuntime> _frontends = new(StringComparer.Ordinal);
    private readonly List<InheritedListener> _inherited;
    private readonly SemaphoreSlim _control = new(1, 1);
    private readonly ConnectionSlots _process;
    private EventLoop[] _loops = [];
    private bool _started;
    private bool _disposed;

    public ProxyEngine(EngineOptions options, IEnumerable<FrontendOptions> frontends)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LoopCount, 1);
        _options = options;
        _process = new ConnectionSlots(options.MaxConn);
        foreach (var f in frontends)
        {
            if (!_frontends.TryAdd(f.Name, new FrontendRuntime(f)))
            {
                throw new ArgumentException($"frontend '{f.Name}' is defined twice", nameof(frontends));
            }
        }

        _inherited = [.. options.Inherited];
    }

    /// <summary>Sessions open in the whole engine (HAProxy's actconn).</summary>
    public int ActiveConnections => _process.Count;

    /// <summary>The process-wide limit (global maxconn); 0 = none.</summary>
    public int MaxConn => _process.Limit;

    /// <summary>Sessions open on <paramref name="frontend"/> (feconn).</summary>
    public int FrontendConnections(string frontend) => Frontend(frontend).CurrentConnections;

    /// <summary>The live counter and limit of <paramref name="frontend"/> (scur, smax, slim).</summary>
    public ConnectionSlots FrontendSlots(string frontend) => Frontend(frontend).Slots;

    /// <summary>
    /// Addresses <paramref name="frontend"/> listens on, port 0 resolved; empty while stopped, and for a frontend a
    /// reload has announced but not yet started.
    /// </summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints(string frontend)
        => Volatile.Read(ref _frontends).TryGetValue(frontend, out var f) ? f.LocalEndPoints : [];

    /// <summary>Creates the loops, binds (or adopts inherited sockets for) every frontend, and starts serving.</summary>
    public async Task StartAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            throw new InvalidOperationException("the engine is already started");
        }

        _started = true;
        var held = _frontends.Values.Select(f => f.Options.MaxHeldBytes).DefaultIfEmpty(16 * 1024).Max();
        _loops = new EventLoop[_options.LoopCount];
        for (var i = 0; i < _loops.Length; i++)
        {
            _loops[i] = new EventLoop(this, i, _options, held);
            _loops[i].Start();
        }

        foreach (var f in _frontends.Values)
        {
            await StartListenersAsync(f.Name);
        }

        foreach (var unused in _inherited)
        {
            _options.Events.InheritedSocketUnused(unused.LocalEndPoint);
            using var close = new FileDescriptorHandle(unused.Fd);
        }

        _inherited.Clear();
    }

    /// <summary>Takes the slots a new connection of <paramref name="listener"/> needs (bind, frontend, process); false when one is full.</summary>
    internal bool TryAdmit(LoopListener listener, out ConnectionSlots? full)
    {
        if (Admission.TryAdmit(listener.BindSlots, listener.Frontend.Slots, _process, out full, out var wake))
        {
            return true;
        }

        if (wake)
        {
            WakeFullListeners();
        }

        return false;
    }

    /// <summary>A connection admitted on <paramref name="frontend"/> ended (or was never accepted): its slots go back, paused listeners are woken.</summary>
    internal void Release(FrontendRuntime frontend, ConnectionSlots? bind)
    {
        if (Admission.Release(bind, frontend.Slots, _process))
        {
            WakeFullListeners();
        }
    }

    /// <summary>A slot freed at a level some listener waits for: every loop with a paused listener retries (HAProxy's dequeue_all_listeners).</summary>
    private void WakeFullListeners()
    {
        foreach (var loop in _loops)
        {
            loop.WakeFullListeners();
        }
    }

    private FrontendRuntime Frontend(string name) =>
        Volatile.Read(ref _frontends).TryGetValue(name, out var f) ? f : throw new ArgumentException($"no frontend named '{name}'", nameof(name));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Task.Run(() =>
        {
            foreach (var loop in _loops)
            {
                loop.Stop();
            }
        });
        foreach (var loop in _loops)
        {
            loop.Dispose();
        }

        foreach (var f in _frontends.Values)
        {
            CloseShared(f);
        }

        _control.Dispose();
    }

    private static void CloseShared(FrontendRuntime f)
    {
        foreach (var handle in f.SharedSockets)
        {
            handle.Dispose();
        }

        f.SharedSockets.Clear();
        f.LocalEndPoints = [];
        f.Listening = false;
    }
}
