using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Checks;

/// <summary>One server's health as <c>tcplb status</c> shows it: state, last check, its result and duration, next check.</summary>
internal sealed record ServerCheckStatus(
    string Server,
    int Index,
    bool Checked,
    HealthCheckType Type,
    ServerHealthState State,
    int Rise,
    int Fall,
    ProbeResult? LastResult,
    TimeSpan? LastDuration,
    DateTimeOffset? NextCheckAt,
    bool CheckInProgress);
