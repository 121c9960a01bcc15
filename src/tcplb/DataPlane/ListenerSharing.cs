namespace HaKube.Tcplb.DataPlane;

/// <summary>How the event loops share a bind address.</summary>
internal enum ListenerSharing
{
    /// <summary>One SO_REUSEPORT socket per loop; the kernel spreads connections by hash. No wake-up contention (the default).</summary>
    ReusePort,

    /// <summary>One socket registered in every loop's epoll with EPOLLEXCLUSIVE; used for sockets handed over by systemd.</summary>
    Exclusive,
}
