using System.Text.Json.Serialization;

namespace HaKube.Vrrpd.Tracking;

/// <summary>Source-generated (AOT-safe) JSON metadata for <see cref="ReadinessEvent"/>.</summary>
[JsonSerializable(typeof(ReadinessEvent))]
internal sealed partial class ReadinessJsonContext : JsonSerializerContext;
