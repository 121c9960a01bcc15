namespace HaKube.Tcplb.Balancing;

/// <summary>What to do after a failed connect, and how long to wait first.</summary>
internal readonly record struct RetryDecision(RetryAction Action, TimeSpan Delay);
