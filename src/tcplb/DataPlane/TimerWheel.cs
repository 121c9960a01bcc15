using System.Numerics;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// A single-level hashed timer wheel on a millisecond monotonic clock, owned by one event loop: O(1) schedule and cancel, nodes of
/// later turns share a slot. Owners re-check their real deadline when a node fires and re-schedule (lazy re-arming, which lets idle
/// timeouts slide on activity without touching the wheel).
/// </summary>
internal sealed class TimerWheel
{
    private readonly TimerNode?[] _slots;

    /// <summary>One bit per slot, set while the slot holds a node: the next timer is found a word at a time.</summary>
    private readonly ulong[] _occupied;
    private readonly long _tickMs;
    private long _current;

    public TimerWheel(long nowMs, int tickMs = 10, int slotCount = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tickMs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCount, 2);
        _tickMs = tickMs;
        _slots = new TimerNode?[slotCount];
        _occupied = new ulong[(slotCount + 63) / 64];
        _current = nowMs / tickMs;
    }

    public int Count { get; private set; }

    /// <summary>Fires <paramref name="node"/> at the first tick at or after <paramref name="deadlineMs"/>; re-schedules when already scheduled.</summary>
    public void Schedule(TimerNode node, long deadlineMs)
    {
        Cancel(node);
        // A slot may hold nodes of several turns of the wheel; PopExpired takes only those due.
        var tick = Math.Max((deadlineMs + _tickMs - 1) / _tickMs, _current + 1);
        var slot = (int)(tick % _slots.Length);
        node.WheelTick = tick;
        node.WheelPrevious = null;
        node.WheelNext = _slots[slot];
        if (node.WheelNext is not null)
        {
            node.WheelNext.WheelPrevious = node;
        }

        _slots[slot] = node;
        _occupied[slot >> 6] |= 1UL << slot;
        Count++;
    }

    /// <summary>The millisecond time <paramref name="node"/> fires at, or null.</summary>
    public long? FiresAt(TimerNode node) => node.IsScheduled ? node.WheelTick * _tickMs : null;

    public void Cancel(TimerNode node)
    {
        if (!node.IsScheduled)
        {
            return;
        }

        if (node.WheelPrevious is not null)
        {
            node.WheelPrevious.WheelNext = node.WheelNext;
        }
        else
        {
            var slot = (int)(node.WheelTick % _slots.Length);
            _slots[slot] = node.WheelNext;
            if (node.WheelNext is null)
            {
                _occupied[slot >> 6] &= ~(1UL << slot);
            }
        }

        if (node.WheelNext is not null)
        {
            node.WheelNext.WheelPrevious = node.WheelPrevious;
        }

        node.WheelNext = node.WheelPrevious = null;
        node.WheelTick = -1;
        Count--;
    }

    /// <summary>Removes and returns one node due at <paramref name="nowMs"/>, or null when none is; call until null.</summary>
    public TimerNode? PopExpired(long nowMs)
    {
        var nowTick = nowMs / _tickMs;
        if (Count == 0)
        {
            _current = Math.Max(_current, nowTick);
            return null;
        }

        while (_current < nowTick)
        {
            for (var node = _slots[(int)((_current + 1) % _slots.Length)]; node is not null; node = node.WheelNext)
            {
                if (node.WheelTick <= nowTick)
                {
                    Cancel(node);
                    return node;
                }
            }

            _current++;
        }

        return null;
    }

    /// <summary>Milliseconds until the next non-empty slot (0 if overdue), or -1 when the wheel is empty: an epoll_wait timeout (early when the slot holds a later turn).</summary>
    public int MillisecondsUntilNext(long nowMs)
    {
        if (Count == 0)
        {
            return -1;
        }

        // The first occupied slot from the next tick on, going round once: the loop asks before every epoll_wait, and a
        // lone idle timeout sits up to a whole turn ahead (1,024 slots to walk one by one).
        var start = (int)((_current + 1) % _slots.Length);
        var offset = OccupiedOffsetFrom(start);
        if (offset < 0)
        {
            return 0;
        }

        var tick = _current + 1 + offset;
        return (int)Math.Max(0, (tick * _tickMs) - nowMs);
    }

    /// <summary>How many slots past <paramref name="start"/> (0 for itself) the first occupied one is, going round; -1 if none is.</summary>
    private int OccupiedOffsetFrom(int start)
    {
        var words = _occupied.Length;
        var w = start >> 6;
        var bits = _occupied[w] & (ulong.MaxValue << start);
        // words + 1 reads: the start word is read again last, for the slots before start that it holds.
        for (var i = 0; i <= words; i++)
        {
            if (bits != 0)
            {
                var slot = (w << 6) + BitOperations.TrailingZeroCount(bits);
                return slot >= start ? slot - start : slot + _slots.Length - start;
            }

            w = w + 1 == words ? 0 : w + 1;
            bits = _occupied[w];
        }

        return -1;
    }
}
