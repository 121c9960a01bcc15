namespace HaKube.Tcplb.DataPlane;

/// <summary>An intrusive entry of <see cref="TimerWheel"/>: scheduling and cancelling allocate nothing.</summary>
internal abstract class TimerNode
{
    internal TimerNode? WheelNext;
    internal TimerNode? WheelPrevious;
    internal long WheelTick = -1;

    /// <summary>The tick this node fires at, or -1 when not scheduled.</summary>
    public bool IsScheduled => WheelTick >= 0;
}
