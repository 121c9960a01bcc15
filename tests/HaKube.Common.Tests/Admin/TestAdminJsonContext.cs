using System.Text.Json.Serialization;

namespace HaKube.Common.Tests.Admin;

// What a daemon brings: its own source-generated context for its commands and topics.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StatusReply))]
[JsonSerializable(typeof(EchoArgs))]
[JsonSerializable(typeof(Readiness))]
internal sealed partial class TestAdminJsonContext : JsonSerializerContext;

internal sealed record StatusReply(string State, int Priority, string Note);

internal sealed record EchoArgs(string Text, int Times);

internal sealed record Readiness(bool Listening, int HealthyBackends);
