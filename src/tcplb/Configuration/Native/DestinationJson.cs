namespace HaKube.Tcplb.Configuration.Native;

/// <summary>A YARP destination (a tcplb server).</summary>
internal sealed class DestinationJson
{
    public string? Address { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
    public ServerSettingsJson? Tcplb { get; init; }
}
