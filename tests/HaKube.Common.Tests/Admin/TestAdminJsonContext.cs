using System.Text.Json.Serialization;

namespace HaKube.Common.Tests.Admin;

// What a daemon brings: its own source-generated context for its commands and topics.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StatusReply))]
[JsonSerializable(typeof(EchoArgs))]
[JsonSerializable(typeof(Readiness))]
internal sealed partial class TestAdminJsonContext : JsonSerializerContext;
