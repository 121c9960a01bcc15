namespace HaKube.Tcplb.DataPlane;

/// <summary>Process-wide settings of the forwarding engine.</summary>
internal sealed record EngineOptions
{
    /// <summary>Event-loop threads, each with its own epoll; one per core by default.</summary>
    public int LoopCount { get; init; } = Environment.ProcessorCount;

    /// <summary>Most live client connections of the process (HAProxy's global maxconn); 0 = no limit.</summary>
    public int MaxConn { get; init; }

    public ListenerSharing Sharing { get; init; } = ListenerSharing.ReusePort;

    /// <summary>Listening sockets handed over by systemd (<see cref="SystemdSocketActivation.Take()"/>); matched to bind addresses, adopted instead of binding.</summary>
    public IReadOnlyList<InheritedListener> Inherited { get; init; } = [];

    /// <summary>Empty pipes each loop keeps for reuse; pipes are taken only while a direction has bytes in flight.</summary>
    public int MaxSparePipesPerLoop { get; init; } = 64;

    /// <summary>Pipe capacity the loops may add above the kernel's default for bulk streams, shared by all of them.</summary>
    public LargePipeBudget LargePipes { get; init; } = LargePipeBudget.ForThisMachine();

    /// <summary>First pause of a listener after EMFILE/ENFILE; doubles up to <see cref="AcceptBackoffMax"/>.</summary>
    public TimeSpan AcceptBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan AcceptBackoffMax { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IDataPlaneEvents Events { get; init; } = NullDataPlaneEvents.Instance;
}
