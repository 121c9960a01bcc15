using System.Text.Json;
using System.Text.Json.Serialization;

namespace HaKube.Tcplb.Cli;

/// <summary>Source-generated JSON metadata for printing raw replies (indented).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class TcplbCliJsonContext : JsonSerializerContext;
