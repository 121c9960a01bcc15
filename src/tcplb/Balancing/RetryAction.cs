namespace HaKube.Tcplb.Balancing;

internal enum RetryAction
{
    /// <summary>No retry left: close the client connection.</summary>
    GiveUp,

    /// <summary>Connect to the same server again, after <see cref="RetryDecision.Delay"/>.</summary>
    SameServer,

    /// <summary>Pick again, avoiding the servers that failed (<see cref="ConnectRetry.Excluded"/>), at once.</summary>
    Redispatch,
}
