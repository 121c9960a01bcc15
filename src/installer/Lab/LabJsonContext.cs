using System.Text.Json.Serialization;

namespace HaKube.Installer.Lab;

/// <summary>Source-generated JSON for the lab directory, the supervisor's control socket and `--json` output.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LabState))]
[JsonSerializable(typeof(FailoverReport))]
[JsonSerializable(typeof(RestoreReport))]
[JsonSerializable(typeof(LabStatus))]
[JsonSerializable(typeof(ProbeRecord))]
[JsonSerializable(typeof(DemoResult))]
[JsonSerializable(typeof(EmptyArgs))]
[JsonSerializable(typeof(FailoverArgs))]
internal sealed partial class LabJsonContext : JsonSerializerContext;
