namespace HaKube.Tcplb.Balancing;

/// <summary>
/// A backend's queue of connections waiting for a free server slot, oldest first, with the time each entered so
/// <c>timeout queue</c> can expire them. Entries can be read in order by index, so a slot that the oldest cannot take
/// (a server it already failed on) reaches one behind it. The <see cref="Balancer"/> decides whether a connection may
/// enter.
/// </summary>
internal sealed class ConnectionQueue<T>
{
    // A list read from _head on: taking the oldest moves _head, and the taken prefix is dropped once it is half the list.
    private readonly List<(T Item, DateTimeOffset Since)> _items = [];
    private int _head;

    public int Count => _items.Count - _head;

    /// <summary>The <paramref name="index"/>-th oldest entry (0 is the oldest).</summary>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _items[_head + index].Item;
        }
    }

    public void Enqueue(T item, DateTimeOffset now) => _items.Add((item, now));

    /// <summary>The oldest waiting connection, for a slot that just freed.</summary>
    public bool TryDequeue(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _items[_head].Item;
        _items[_head] = default;
        _head++;
        if (_head == _items.Count)
        {
            _items.Clear();
            _head = 0;
        }
        else if (_head >= 32 && _head * 2 >= _items.Count)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }

        return true;
    }

    /// <summary>The oldest waiting connection, left in the queue.</summary>
    public bool TryPeek(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _items[_head].Item;
        return true;
    }

    /// <summary>The oldest connection if it has waited <paramref name="timeout"/> or longer (call until false).</summary>
    public bool TryExpire(DateTimeOffset now, TimeSpan timeout, out T item)
    {
        if (timeout != Timeout.InfiniteTimeSpan && Count > 0 && now - _items[_head].Since >= timeout)
        {
            return TryDequeue(out item);
        }

        item = default!;
        return false;
    }

    /// <summary>When the oldest connection expires; null when empty or no timeout.</summary>
    public DateTimeOffset? NextExpiry(TimeSpan timeout)
        => timeout != Timeout.InfiniteTimeSpan && Count > 0 ? _items[_head].Since + timeout : null;
}
