namespace HaKube.Tcplb.Balancing;

/// <summary>
/// What HAProxy weighs after a failed connect before retrying on the same server (stream_choose_redispatch).
/// </summary>
/// <param name="ServerUp">The failed server still takes new connections (a passive check may just have marked it down).</param>
/// <param name="SpreadsFreely">
/// The pick does not depend on the client (round-robin, leastconn: not source or random hashing) and more than one
/// active server is usable: the client loses nothing by moving at once.
/// </param>
internal readonly record struct RetryContext(bool ServerUp, bool SpreadsFreely);
