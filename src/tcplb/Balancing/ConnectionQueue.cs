namespace HaKube.Tcplb.Balancing;

/// <summary>
/// A backend's queue of connections waiting for a free server slot, first in first out, with the time each entered so
/// <c>timeout queue</c> can expire them. The <see cref="Balancer"/> decides whether a connection may enter.
/// </summary>
internal sealed class ConnectionQueue<T>
{
    private readonly Queue<(T Item, DateTimeOffset Since)> _items = new();

    public int Count => _items.Count;

    public void Enqueue(T item, DateTimeOffset now) => _items.Enqueue((item, now));

    /// <summary>The oldest waiting connection, for a slot that just freed.</summary>
    public bool TryDequeue(out T item)
    {
        if (_items.TryDequeue(out var entry))
        {
            item = entry.Item;
            return true;
        }

        item = default!;
        return false;
    }

    /// <summary>The oldest waiting connection, left in the queue.</summary>
    public bool TryPeek(out T item)
    {
        if (_items.TryPeek(out var entry))
        {
            item = entry.Item;
            return true;
        }

        item = default!;
        return false;
    }

    /// <summary>The oldest connection if it has waited <paramref name="timeout"/> or longer (call until false).</summary>
    public bool TryExpire(DateTimeOffset now, TimeSpan timeout, out T item)
    {
        if (timeout != Timeout.InfiniteTimeSpan && _items.TryPeek(out var head) && now - head.Since >= timeout)
        {
            _items.Dequeue();
            item = head.Item;
            return true;
        }

        item = default!;
        return false;
    }

    /// <summary>When the oldest connection expires; null when empty or no timeout.</summary>
    public DateTimeOffset? NextExpiry(TimeSpan timeout)
        => timeout != Timeout.InfiniteTimeSpan && _items.TryPeek(out var head) ? head.Since + timeout : null;
}
