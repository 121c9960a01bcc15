using System.Text.Json;
using System.Text.Json.Serialization;

namespace HaKube.Common.Tests.Configuration.Json;

/// <summary>Source-generated metadata for <see cref="SampleConfig"/>: camelCase names matched exactly, as vrrpd's format.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SampleConfig))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
