namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Live connections against a limit (HAProxy's maxconn of a listener, a frontend or the process), shared by every event
/// loop: taking a slot is one compare-and-swap, releasing one decrement; no lock. A limit of 0 means none. Listeners
/// that stopped accepting because this level is full register as waiters, so a release knows to wake them.
/// </summary>
internal sealed class ConnectionSlots
{
    private int _count;
    private int _limit;
    private long _max;
    private int _waiters;

    public ConnectionSlots(int limit) => _limit = Math.Max(0, limit);

    /// <summary>Connections holding a slot now (HAProxy's scur).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The most held at once since start (smax).</summary>
    public int Max => (int)Interlocked.Read(ref _max);

    /// <summary>The limit (slim); 0 = none. A reload may change it: connections above a lowered limit stay, new ones wait.</summary>
    public int Limit
    {
        get => Volatile.Read(ref _limit);
        set => Volatile.Write(ref _limit, Math.Max(0, value));
    }

    /// <summary>True when one more connection would be admitted.</summary>
    public bool HasRoom
    {
        get
        {
            var limit = Limit;
            return limit == 0 || Count < limit;
        }
    }

    /// <summary>Takes a slot unless the limit is reached.</summary>
    public bool TryTake()
    {
        var limit = Limit;
        var current = Volatile.Read(ref _count);
        while (true)
        {
            if (limit > 0 && current >= limit)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _count, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }
    }

    /// <summary>Gives a slot back; true when a listener waits for this level (the caller wakes the paused listeners).</summary>
    /// <remarks>Interlocked decrement, then the waiter read: with <see cref="AddWaiter"/>'s order, a release and a pause never miss each other.</remarks>
    public bool Release()
    {
        Interlocked.Decrement(ref _count);
        return Volatile.Read(ref _waiters) > 0;
    }

    /// <summary>
    /// A listener stops accepting until this level has room. Returns true when it has room already (a release came in
    /// between): the listener must not pause then. Call <see cref="RemoveWaiter"/> either way when it resumes.
    /// </summary>
    public bool AddWaiter()
    {
        Interlocked.Increment(ref _waiters);
        return HasRoom;
    }

    public void RemoveWaiter() => Interlocked.Decrement(ref _waiters);

    /// <summary>
    /// Records the count as a peak. Called once a taken slot holds a connection: a slot taken for an accept that found
    /// the backlog empty is given back, and must not show in <see cref="Max"/>.
    /// </summary>
    public void RecordPeak() => Peak.Raise(ref _max, Count);
}
