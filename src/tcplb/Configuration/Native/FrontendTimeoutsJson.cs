namespace HaKube.Tcplb.Configuration.Native;

internal sealed class FrontendTimeoutsJson
{
    public string? Client { get; init; }
    public string? ClientFin { get; init; }
}
