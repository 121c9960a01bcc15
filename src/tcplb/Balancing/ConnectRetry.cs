using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Balancing;

/// <summary>
/// After a failed connect (HAProxy's <c>retries</c> and <c>option redispatch [interval]</c>, stream_choose_redispatch):
/// give up once the retries are spent; with redispatch, pick another server at once when the failed one is down, when
/// the backend spreads clients freely, or on the retries the interval names; otherwise (and always without redispatch)
/// connect to the same server again, after min(timeout connect, 1 s) when the connect failed fast (HAProxy's
/// turn-around), at once after a timeout. <see cref="Decide"/> is the rule; the struct keeps one connection's count and
/// failed servers (<see cref="Excluded"/>) for the balancer. Allocates nothing.
/// </summary>
internal struct ConnectRetry(RetryOptions options, TimeSpan connectTimeout)
{
    private static readonly TimeSpan TurnAround = TimeSpan.FromSeconds(1);

    /// <summary>Retries done so far.</summary>
    public int Retries { get; private set; }

    /// <summary>Bit i set = server i failed a connect for this connection; pass as <see cref="PickContext.Excluded"/>.</summary>
    public ulong Excluded { get; private set; }

    public RetryDecision OnConnectFailed(int server, in RetryContext context, bool timedOut = false)
    {
        Excluded |= 1UL << server;
        var decision = Decide(options, Retries, context, connectTimeout, timedOut);
        if (decision.Action != RetryAction.GiveUp)
        {
            Retries++;
        }

        return decision;
    }

    /// <summary>What to do after the connect that followed <paramref name="retriesDone"/> retries failed.</summary>
    public static RetryDecision Decide(RetryOptions options, int retriesDone, in RetryContext context, TimeSpan connectTimeout, bool timedOut)
    {
        if (retriesDone >= options.Retries)
        {
            return new RetryDecision(RetryAction.GiveUp, TimeSpan.Zero);
        }

        var retry = retriesDone + 1;
        if (options.Redispatch && options.RedispatchInterval != 0 && (!context.ServerUp || context.SpreadsFreely || IntervalSays(options, retry)))
        {
            return new RetryDecision(RetryAction.Redispatch, TimeSpan.Zero);
        }

        var delay = timedOut ? TimeSpan.Zero
            : connectTimeout == Timeout.InfiniteTimeSpan || connectTimeout > TurnAround ? TurnAround
            : connectTimeout;
        return new RetryDecision(RetryAction.SameServer, delay);
    }

    /// <summary>P &gt; 0: every P-th retry; N &lt; 0: the retry |N|-1 before the last (-1, the default, = the last).</summary>
    private static bool IntervalSays(RetryOptions options, int retry)
        => options.RedispatchInterval > 0
            ? retry % options.RedispatchInterval == 0
            : retry == Math.Max(1, options.Retries + 1 + options.RedispatchInterval);
}
