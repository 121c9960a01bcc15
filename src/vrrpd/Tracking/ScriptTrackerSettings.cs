namespace HaKube.Vrrpd.Tracking;

/// <summary>One track script as the tracker runs it (mapped from vrrp_script or the native file).</summary>
internal sealed record ScriptTrackerSettings(
    string Name,
    IReadOnlyList<string> Argv,
    TimeSpan Interval,
    TimeSpan Timeout,
    int Rise,
    int Fall,
    int Weight,
    string? User = null,
    string? Group = null,
    bool InitiallyUp = true,
    bool WeightReverse = false);
