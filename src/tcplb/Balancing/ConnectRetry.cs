using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Balancing;

/// <summary>
/// The retry state of one client connection (HAProxy's <c>retries</c> and <c>option redispatch [interval]</c>): after
/// each failed connect, whether to give up, retry the same server (after min(timeout connect, 1 s), HAProxy's
/// turn-around) or pick another server at once. Failed servers are collected in <see cref="Excluded"/> for the next pick.
/// A mutable struct kept in the connection's state; allocates nothing.
/// </summary>
internal struct ConnectRetry(RetryOptions options, TimeSpan connectTimeout)
{
    private static readonly TimeSpan TurnAround = TimeSpan.FromSeconds(1);

    /// <summary>Retries done so far.</summary>
    public int Retries { get; private set; }

    /// <summary>Bit i set = server i failed a connect for this connection; pass as <see cref="PickContext.Excluded"/>.</summary>
    public ulong Excluded { get; private set; }

    public RetryDecision OnConnectFailed(int server)
    {
        Excluded |= 1UL << server;
        if (Retries >= options.Retries)
        {
            return new RetryDecision(RetryAction.GiveUp, TimeSpan.Zero);
        }

        Retries++;
        if (ShouldRedispatch(Retries))
        {
            return new RetryDecision(RetryAction.Redispatch, TimeSpan.Zero);
        }

        var delay = connectTimeout == Timeout.InfiniteTimeSpan || connectTimeout > TurnAround ? TurnAround : connectTimeout;
        return new RetryDecision(RetryAction.SameServer, delay);
    }

    /// <summary>P &gt; 0: every P-th retry; N &lt; 0: the retry |N|-1 before the last (-1 = the last).</summary>
    private readonly bool ShouldRedispatch(int retry)
    {
        if (!options.Redispatch || options.RedispatchInterval == 0)
        {
            return false;
        }

        return options.RedispatchInterval > 0
            ? retry % options.RedispatchInterval == 0
            : retry == Math.Max(1, options.Retries + 1 + options.RedispatchInterval);
    }
}
