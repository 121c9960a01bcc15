namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// Whether an event loop still turns, for the systemd watchdog: each check posts a heartbeat into the loop and
/// passes only when the one the previous check posted has been served. A loop that hangs (an action that never
/// returns, a deadlock) serves none, so the next check fails, the watchdog stops pinging, and systemd restarts the
/// daemon; a loop that merely ended (<c>Task.IsCompleted</c>) is caught the same way, since nothing serves it.
/// Thread-safe: checks come from the watchdog's timer, serves from the loop.
/// </summary>
internal sealed class LoopHeartbeat
{
    private long _posted;
    private long _served;

    /// <summary>Heartbeats served so far.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>
    /// True when every heartbeat posted before has been served; then posts the next through <paramref name="post"/>
    /// (false when the loop takes no more events, which fails this and every later check).
    /// </summary>
    public bool CheckAndPost(Func<bool> post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var posted = Interlocked.Read(ref _posted);
        var alive = Interlocked.Read(ref _served) >= posted;
        if (!alive)
        {
            // The last one is still waiting: posting more would only queue up behind it.
            return false;
        }

        if (!post())
        {
            return false;
        }

        Interlocked.Increment(ref _posted);
        return true;
    }

    /// <summary>Called by the loop when it reaches a heartbeat.</summary>
    public void Serve() => Interlocked.Increment(ref _served);
}
