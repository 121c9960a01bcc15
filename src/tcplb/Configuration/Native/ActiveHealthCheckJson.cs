namespace HaKube.Tcplb.Configuration.Native;

/// <summary>YARP's HealthCheck.Active: Interval is tcplb's inter, Timeout its timeout check.</summary>
internal sealed class ActiveHealthCheckJson
{
    public bool? Enabled { get; init; }
    public string? Interval { get; init; }
    public string? Timeout { get; init; }
    public string? Policy { get; init; }
    public string? Path { get; init; }
}
