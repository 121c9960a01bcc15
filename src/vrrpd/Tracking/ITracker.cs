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

    /// <summary>Starts watching; <paramref name="changed"/> is called (on any thread) whenever <see cref="Status"/> changes.</summary>
    void Start(Action<TrackerStatus> changed);
}
