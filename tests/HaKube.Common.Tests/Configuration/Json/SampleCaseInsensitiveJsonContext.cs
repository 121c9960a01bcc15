using System.Text.Json;
using System.Text.Json.Serialization;

namespace HaKube.Common.Tests.Configuration.Json;

/// <summary>Source-generated metadata for <see cref="SampleConfig"/> with names matched in any case, as tcplb's format.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SampleConfig))]
internal sealed partial class SampleCaseInsensitiveJsonContext : JsonSerializerContext;
