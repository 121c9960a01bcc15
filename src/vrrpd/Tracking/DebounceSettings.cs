namespace HaKube.Vrrpd.Tracking;

/// <summary>How long a change of an event-driven tracker must hold before it counts (see <see cref="DebouncedTracker"/>).</summary>
/// <param name="RiseDelay">For a change that raises the priority (back up, fault cleared, a larger adjustment).</param>
/// <param name="FallDelay">For a change that lowers it (down, a fault, a smaller adjustment).</param>
internal sealed record DebounceSettings(TimeSpan RiseDelay, TimeSpan FallDelay)
{
    /// <summary>True when either delay is set: otherwise the tracker needs no debouncing at all.</summary>
    public bool IsActive => RiseDelay > TimeSpan.Zero || FallDelay > TimeSpan.Zero;
}
