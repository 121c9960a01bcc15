namespace HaKube.Tcplb.Configuration.Native;

/// <summary>YARP's HealthCheck.Passive: Enabled switches the mark-down on a failed connect.</summary>
internal sealed class PassiveHealthCheckJson
{
    public bool? Enabled { get; init; }
}
