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
}
