namespace HaKube.Common.Tests.Configuration.Json;

/// <summary>A small configuration model for the walker tests: scalars, a nested object, an array and dictionaries.</summary>
internal sealed class SampleConfig
{
    public string? Name { get; init; }
    public int Port { get; init; }
    public string Mode { get; init; } = "";
    public TimeSpan? Timeout { get; init; }
    public SampleServer? Primary { get; init; }
    public List<SampleServer>? Servers { get; init; }
    public List<int?>? Ports { get; init; }
    public Dictionary<string, int>? Weights { get; init; }
    public Dictionary<string, SampleServer>? Pools { get; init; }
}
