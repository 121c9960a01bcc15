namespace HaKube.Tcplb.Balancing;

/// <summary>
/// Fewest active connections relative to weight ((active + 1) / weight, compared by cross-multiplication); servers
/// with the same load are taken in round-robin order, as HAProxy's leastconn does.
/// </summary>
internal sealed class LeastConnPicker : IServerPicker
{
    private int _next;

    public bool DynamicWeights => true;

    public int Pick(ReadOnlySpan<ServerSnapshot> servers, ReadOnlySpan<long> weights, in PickContext context)
    {
        var count = weights.Length;
        var best = -1;
        for (var k = 0; k < count; k++)
        {
            var i = (_next + k) % count;
            if (weights[i] <= 0)
            {
                continue;
            }

            if (best < 0 || Load(servers[i], weights[i], servers[best], weights[best]) < 0)
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            _next = (best + 1) % count;
        }

        return best;
    }

    /// <summary>Negative when a is less loaded than b.</summary>
    internal static int Load(in ServerSnapshot a, long weightA, in ServerSnapshot b, long weightB)
        => ((a.ActiveConnections + 1L) * weightB).CompareTo((b.ActiveConnections + 1L) * weightA);
}
