namespace HaKube.Tcplb.Configuration.Native;

internal sealed class BackendTimeoutsJson
{
    public string? Connect { get; init; }
    public string? Server { get; init; }
    public string? Tunnel { get; init; }
    public string? ServerFin { get; init; }
    public string? Queue { get; init; }
}
