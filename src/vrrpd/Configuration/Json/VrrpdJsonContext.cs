using System.Text.Json;
using System.Text.Json.Serialization;

namespace HaKube.Vrrpd.Configuration.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for the native format: no reflection, so vrrpd stays
/// Native AOT safe. camelCase names, comments and trailing commas allowed, enums as strings.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(IPAddressJsonConverter)])]
[JsonSerializable(typeof(VrrpdOptions))]
internal sealed partial class VrrpdJsonContext : JsonSerializerContext;
