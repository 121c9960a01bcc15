namespace HaKube.Tcplb.Configuration.Native;

internal sealed class FrontendJson
{
    public List<string>? Bind { get; init; }
    public bool? FreeBind { get; init; }
    public bool? V6Only { get; init; }
    public int? MaxConn { get; init; }
    public string? DefaultBackend { get; init; }
    public FrontendTimeoutsJson? Timeouts { get; init; }
    public bool? LogConnections { get; init; }
    public bool? DontLogNull { get; init; }
}
