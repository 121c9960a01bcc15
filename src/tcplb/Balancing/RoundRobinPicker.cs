namespace HaKube.Tcplb.Balancing;

/// <summary>
/// Smooth weighted round-robin: each pick adds every eligible server's weight to its credit, takes the server with the
/// most credit (the first on ties) and charges it the total. Equal weights give declaration order (1, 2, 3, 1, ...);
/// weights 2:1 give A, B, A rather than A, A, B; weights may change between picks (slowstart), as HAProxy's dynamic
/// roundrobin allows.
/// </summary>
internal sealed class RoundRobinPicker(int serverCount) : IServerPicker
{
    private readonly long[] _credit = new long[serverCount];

    public bool DynamicWeights => true;

    public int Pick(ReadOnlySpan<ServerSnapshot> servers, ReadOnlySpan<long> weights, in PickContext context)
    {
        long total = 0;
        var best = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            _credit[i] += weights[i];
            total += weights[i];
            if (best < 0 || _credit[i] > _credit[best])
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            _credit[best] -= total;
        }

        return best;
    }
}
