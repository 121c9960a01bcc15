using System.Text.Json;
using System.Text.Json.Serialization;

namespace HaKube.Tcplb.Configuration.Native;

/// <summary>Source-generated (Native AOT) metadata for the native format; property names match case-insensitively, as .NET configuration binding does.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(NativeConfigJson))]
internal sealed partial class NativeJsonContext : JsonSerializerContext;
