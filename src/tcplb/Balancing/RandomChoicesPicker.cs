namespace HaKube.Tcplb.Balancing;

/// <summary>
/// HAProxy's random(N): draw N servers at random in proportion to their weights and take the least loaded of them
/// (N = 2 is "power of two choices"). The Random is injected so tests are reproducible.
/// </summary>
internal sealed class RandomChoicesPicker(Random random, int draws) : IServerPicker
{
    public bool DynamicWeights => true;

    public int Pick(ReadOnlySpan<ServerSnapshot> servers, ReadOnlySpan<long> weights, in PickContext context)
    {
        long total = 0;
        foreach (var w in weights)
        {
            total += Math.Max(w, 0);
        }

        if (total == 0)
        {
            return -1;
        }

        var best = -1;
        for (var d = 0; d < draws; d++)
        {
            var candidate = Draw(weights, random.NextInt64(total));
            if (best < 0 || LeastConnPicker.Load(servers[candidate], weights[candidate], servers[best], weights[best]) < 0)
            {
                best = candidate;
            }
        }

        return best;
    }

    private static int Draw(ReadOnlySpan<long> weights, long ticket)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            if (ticket < weights[i])
            {
                return i;
            }

            ticket -= weights[i];
        }

        throw new InvalidOperationException("ticket beyond the total weight");
    }
}
