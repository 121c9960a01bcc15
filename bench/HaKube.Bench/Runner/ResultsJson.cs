using System.Text.Json.Serialization;

namespace HaKube.Bench.Runner;

/// <summary>lab.json's serializer (source-generated).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LabResults))]
internal sealed partial class ResultsJson : JsonSerializerContext;
