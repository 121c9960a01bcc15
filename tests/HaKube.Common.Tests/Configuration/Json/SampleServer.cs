namespace HaKube.Common.Tests.Configuration.Json;

/// <summary>A nested object of <see cref="SampleConfig"/>.</summary>
internal sealed class SampleServer
{
    public string? Address { get; init; }
    public int? Weight { get; init; }
    public bool? Backup { get; init; }
}
