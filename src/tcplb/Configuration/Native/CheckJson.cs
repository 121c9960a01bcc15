namespace HaKube.Tcplb.Configuration.Native;

internal sealed class CheckJson
{
    public string? Type { get; init; }
    public string? FastInter { get; init; }
    public string? DownInter { get; init; }
    public int? Rise { get; init; }
    public int? Fall { get; init; }
    public int? Port { get; init; }
    public string? Method { get; init; }
    public string? ExpectStatus { get; init; }
    public string? Verify { get; init; }
    public string? CaFile { get; init; }
    public string? ClientCertificate { get; init; }
    public string? ClientKey { get; init; }
    public string? Sni { get; init; }
}
