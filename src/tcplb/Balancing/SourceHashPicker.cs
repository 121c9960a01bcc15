namespace HaKube.Tcplb.Balancing;

/// <summary>
/// Source balancing by weighted rendezvous hashing: each usable server scores hash(client, server) scaled by its weight
/// and the best score wins. A client stays on its server while that server is usable; when a server leaves or joins the
/// usable set, only the clients it loses or wins move (HAProxy's "hash-type consistent" property). Servers are keyed by
/// name, so the choice survives reloads and is the same on every balancer node.
/// </summary>
internal sealed class SourceHashPicker(IReadOnlyList<string> serverNames) : IServerPicker
{
    private readonly ulong[] _keys = [.. serverNames.Select(SourceHash.Compute)];

    public bool DynamicWeights => false;

    public int Pick(ReadOnlySpan<ServerSnapshot> servers, ReadOnlySpan<long> weights, in PickContext context)
    {
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            // u uniform in (0, 1); -w / ln(u) is the weighted rendezvous score (Schindelhauer and Schomaker).
            var hash = SourceHash.Mix(context.ClientHash ^ _keys[i]);
            var u = ((hash >> 11) + 0.5) / (1UL << 53);
            var score = -weights[i] / Math.Log(u);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }
}
