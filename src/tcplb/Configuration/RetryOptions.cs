namespace HaKube.Tcplb.Configuration;

/// <summary>
/// What happens after a failed connect to a server (HAProxy's <c>retries</c> and <c>option redispatch [interval]</c>).
/// </summary>
internal sealed record RetryOptions
{
    /// <summary>Further connect attempts after the first one fails (HAProxy default 3).</summary>
    public int Retries { get; init; } = OptionDefaults.Retries;

    /// <summary>Whether a retry may go to another server; otherwise every retry goes to the same server.</summary>
    public bool Redispatch { get; init; }

    /// <summary>
    /// HAProxy's redispatch interval: P &gt; 0 redispatches on every P-th retry, N &lt; 0 on the |N|-th retry before the
    /// last (-1, the default of <c>option redispatch</c>, = on the last retry).
    /// </summary>
    public int RedispatchInterval { get; init; } = -1;
}
