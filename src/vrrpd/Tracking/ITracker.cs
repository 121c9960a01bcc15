namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Something that changes an instance's effective priority: a track script, an interface, a process, a
/// file, the local tcplb. Event-driven trackers report a change the moment they see it; none of them runs on
/// an instance's loop.
/// </summary>
internal interface ITracker : IAsyncDisposable
{
    /// <summary>The tracker's name as the configuration gives it (chk_haproxy, eth0, tcplb, ...).</summary>
    string Name { get; }

    /// <summary>What the tracker says now.</summary>
    TrackerStatus Status { get; }

    /// <summary>
    /// Completes once <see cref="Status"/> reflects a real observation rather than the starting assumption
    /// (the first script run, the first link dump, the first readiness event or connection failure). A daemon
    /// that waits on it (with a bound) before leaving Initialize avoids a spurious FAULT and its notify at start.
    /// </summary>
    Task Initialized => Task.CompletedTask;

    /// <summary>
    /// Starts watching; <paramref name="changed"/> is called whenever <see cref="Status"/> changes, on any thread
    /// but one call at a time and in order. Keep it short: post into the instance's channel and return.
    /// </summary>
    void Start(Action<TrackerStatus> changed);
}
