using System.Text.Json.Serialization;

namespace HaKube.Vrrpd.Daemon.Admin;

/// <summary>Source-generated JSON for the admin socket's commands (AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(DaemonStatus))]
[JsonSerializable(typeof(MaintenanceRequest))]
[JsonSerializable(typeof(MaintenanceReply))]
internal sealed partial class VrrpdAdminJsonContext : JsonSerializerContext;
