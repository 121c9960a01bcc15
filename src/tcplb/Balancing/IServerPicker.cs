namespace HaKube.Tcplb.Balancing;

/// <summary>
/// One balancing algorithm. Chooses among the servers whose weight is above zero (the
/// <see cref="Balancer"/> has already ruled out down, full and excluded servers). Must not allocate. Not thread-safe:
/// one instance per backend, owned by the data plane's loop.
/// </summary>
internal interface IServerPicker
{
    /// <summary>Whether weights ramp with slowstart; static algorithms (source) see configured weights so clients stay put.</summary>
    bool DynamicWeights { get; }

    /// <summary>The chosen index, or -1 when every weight is zero.</summary>
    int Pick(ReadOnlySpan<ServerSnapshot> servers, ReadOnlySpan<long> weights, in PickContext context);
}
