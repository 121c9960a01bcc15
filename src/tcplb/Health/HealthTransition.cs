namespace HaKube.Tcplb.Health;

/// <summary>The state after an input, and whether the server went up or down because of it.</summary>
internal readonly record struct HealthTransition(ServerHealthState State, bool WentUp, bool WentDown)
{
    public bool Changed => WentUp || WentDown;
}
