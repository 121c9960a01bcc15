using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class TimerWheelTests
{
    private sealed class Node : TimerNode
    {
    }

    [Fact]
    public void Node_FiresAtOrAfterDeadline_NotBefore()
    {
        var wheel = new TimerWheel(nowMs: 1000, tickMs: 10, slotCount: 8);
        var node = new Node();
        wheel.Schedule(node, 1055);

        Assert.Null(wheel.PopExpired(1050));
        Assert.Same(node, wheel.PopExpired(1060));
        Assert.False(node.IsScheduled);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void DeadlineBeyondOneTurn_SharesASlot_AndFiresOnlyOnItsOwnTurn()
    {
        var wheel = new TimerWheel(nowMs: 0, tickMs: 10, slotCount: 4);
        var near = new Node();
        var far = new Node();
        wheel.Schedule(near, 10);
        wheel.Schedule(far, 50); // same slot, next turn

        Assert.Same(near, wheel.PopExpired(10));
        Assert.Null(wheel.PopExpired(40));
        Assert.Same(far, wheel.PopExpired(50));
    }

    [Fact]
    public void Reschedule_MovesTheNode_AndCancelRemovesIt()
    {
        var wheel = new TimerWheel(nowMs: 0, tickMs: 10, slotCount: 16);
        var a = new Node();
        var b = new Node();
        wheel.Schedule(a, 30);
        wheel.Schedule(b, 30);
        wheel.Schedule(a, 100);
        wheel.Cancel(b);

        Assert.Null(wheel.PopExpired(90));
        Assert.Same(a, wheel.PopExpired(100));
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void AfterLongIdle_NewTimerIsNotFiredEarly()
    {
        var wheel = new TimerWheel(nowMs: 0, tickMs: 10, slotCount: 4);
        Assert.Null(wheel.PopExpired(100_000));
        var node = new Node();
        wheel.Schedule(node, 100_300);

        Assert.Null(wheel.PopExpired(100_290));
        Assert.Same(node, wheel.PopExpired(100_300));
    }

    [Fact]
    public void MillisecondsUntilNext_IsMinusOneWhenEmpty_AndCountsToTheNextSlot()
    {
        var wheel = new TimerWheel(nowMs: 0, tickMs: 10, slotCount: 64);
        Assert.Equal(-1, wheel.MillisecondsUntilNext(0));
        wheel.Schedule(new Node(), 95);

        Assert.Equal(95, wheel.MillisecondsUntilNext(5));
    }

    /// <summary>
    /// The next-timer search (a bitmap of occupied slots, read a word at a time) against walking the slots one by one,
    /// over random schedules, re-schedules, cancels and expiries, with wheels whose size is and is not a multiple of 64.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(1024)]
    public void MillisecondsUntilNext_MatchesAWalkOverTheSlots(int slotCount)
    {
        const int TickMs = 10;
        var random = new Random(slotCount);
        var now = 12_345L;
        var wheel = new TimerWheel(now, TickMs, slotCount);
        var nodes = Enumerable.Range(0, 40).Select(_ => new Node()).ToArray();
        for (var step = 0; step < 5_000; step++)
        {
            now += random.Next(0, 3 * TickMs);
            var node = nodes[random.Next(nodes.Length)];
            switch (random.Next(3))
            {
                case 0:
                case 1:
                    wheel.Schedule(node, now + random.Next(0, 3 * TickMs * slotCount));
                    break;
                default:
                    wheel.Cancel(node);
                    break;
            }

            // As the event loop does: every due node out, then ask how long epoll_wait may sleep.
            while (wheel.PopExpired(now) is not null)
            {
            }

            Assert.Equal(WalkOverSlots(nodes, now, TickMs, slotCount), wheel.MillisecondsUntilNext(now));
        }
    }

    /// <summary>What the wheel must answer once everything due at <paramref name="now"/> is out: the first tick after now's whose slot holds a node.</summary>
    private static int WalkOverSlots(Node[] nodes, long now, int tickMs, int slotCount)
    {
        var slots = nodes.Where(n => n.IsScheduled).Select(n => n.WheelTick % slotCount).ToHashSet();
        if (slots.Count == 0)
        {
            return -1;
        }

        var current = now / tickMs;
        for (var tick = current + 1; ; tick++)
        {
            if (slots.Contains(tick % slotCount))
            {
                return (int)Math.Max(0, (tick * tickMs) - now);
            }
        }
    }
}
