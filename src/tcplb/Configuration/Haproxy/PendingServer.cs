namespace HaKube.Tcplb.Configuration.Haproxy;

/// <summary>A server line read but not yet built (its check type depends on section options that may follow it).</summary>
internal sealed record PendingServer(string Name, ServerAddress Address, ServerBuilder Settings, int Line);
