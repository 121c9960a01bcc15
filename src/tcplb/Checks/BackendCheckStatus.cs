using System.Collections.Immutable;

namespace HaKube.Tcplb.Checks;

/// <summary>A backend's servers as the health loop last left them (a snapshot: safe to read from any thread).</summary>
internal sealed record BackendCheckStatus(string Backend, int Healthy, int Total, ImmutableArray<ServerCheckStatus> Servers);
