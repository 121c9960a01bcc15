namespace HaKube.Tcplb.Configuration.Native;

internal sealed class HealthCheckJson
{
    public ActiveHealthCheckJson? Active { get; init; }
    public PassiveHealthCheckJson? Passive { get; init; }
}
