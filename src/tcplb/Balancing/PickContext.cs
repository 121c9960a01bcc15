namespace HaKube.Tcplb.Balancing;

/// <summary>The per-connection inputs of a pick.</summary>
/// <param name="Now">The clock of the injected TimeProvider (slowstart ramps on it).</param>
/// <param name="ClientHash">For source balancing: SourceHash.Compute of the client's address.</param>
/// <param name="Excluded">Bit i set = avoid server i (it failed a connect for this client: see <see cref="ConnectRetry"/>).</param>
/// <param name="BackendQueued">Connections of this backend already waiting in its queue.</param>
internal readonly record struct PickContext(DateTimeOffset Now, ulong ClientHash = 0, ulong Excluded = 0, int BackendQueued = 0);
