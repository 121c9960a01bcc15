namespace HaKube.Tcplb.Configuration.Native;

/// <summary>The root of tcplb's native JSON (docs/tcplb-config.md): Global, Frontends, and YARP's ReverseProxy section.</summary>
internal sealed class NativeConfigJson
{
    public GlobalJson? Global { get; init; }
    public Dictionary<string, FrontendJson>? Frontends { get; init; }
    public ReverseProxyJson? ReverseProxy { get; init; }
}
