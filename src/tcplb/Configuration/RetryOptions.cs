namespace HaKube.Tcplb.Configuration;

/// <summary>
/// What happens after a failed connect to a server (HAProxy's <c>retries</c> and <c>option redispatch [interval]</c>).
/// </summary>
internal sealed record RetryOptions
{
    /// <summary>Further connect attempts after the first one fails (HAProxy default 3).</summary>
    public int Retries { get; init; } = OptionDefaults.Retries;

    /// <summary>
    /// Whether a retry may go to another server (HAProxy's <c>option redispatch</c>); false (<c>no option redispatch</c>,
    /// native <c>Redispatch: false</c>) = every retry goes to the same server. tcplb's default is true in both formats.
    /// </summary>
    public bool Redispatch { get; init; } = true;

    /// <summary>
    /// HAProxy's redispatch interval: P &gt; 0 redispatches on every P-th retry, N &lt; 0 on the |N|-th retry before the
    /// last (-1, the default of <c>option redispatch</c>, = on the last retry); 1 (tcplb's default without the option) =
    /// every retry. Besides, a retry always moves at once when the failed server is down or the backend spreads clients
    /// freely (see <see cref="Balancing.ConnectRetry"/>).
    /// </summary>
    public int RedispatchInterval { get; init; } = 1;
}
