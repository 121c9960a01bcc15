using System.Text.Json.Serialization;

namespace HaKube.Tcplb.Runtime;

/// <summary>Source-generated JSON metadata of the admin socket's payloads (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(ReadinessEvent))]
[JsonSerializable(typeof(ServerCommandArgs))]
[JsonSerializable(typeof(ServerCommandResult))]
[JsonSerializable(typeof(ReloadResult))]
internal sealed partial class TcplbJsonContext : JsonSerializerContext;
