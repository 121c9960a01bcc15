using System.Globalization;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// The table of docs/readiness-stream.md (pure): what tcplb's readiness means for an instance's priority.
/// With <c>faultWhenGone</c> false, a gone or not-listening tcplb counts as one with no healthy backend.
/// A no-healthy-backend weight of 0 follows Keepalived's convention: that state is then a fault.
/// </summary>
internal static class BalancerReadiness
{
    /// <summary>The status for one readiness event.</summary>
    public static TrackerStatus FromEvent(string name, ReadinessEvent readiness, int noHealthyBackendWeight, bool faultWhenGone)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        var pid = readiness.Pid.ToString(CultureInfo.InvariantCulture);
        if (!readiness.Listening)
        {
            return Gone(name, $"tcplb (pid {pid}) is not listening", noHealthyBackendWeight, faultWhenGone);
        }

        var backends = $"{readiness.HealthyBackends}/{readiness.TotalBackends}";
        return readiness.HealthyBackends > 0
            // Adjustment 0, not the weight path: a positive weight must not be added while all is well.
            ? new TrackerStatus(name, TrackerKind.Balancer, true, noHealthyBackendWeight, 0, $"listening, {backends} backends healthy (pid {pid})")
            : NoHealthyBackend(name, $"listening, no healthy backend ({backends}, pid {pid})", noHealthyBackendWeight, isUp: true);
    }

    /// <summary>The status while tcplb cannot be reached or does not listen.</summary>
    public static TrackerStatus Gone(string name, string reason, int noHealthyBackendWeight, bool faultWhenGone) =>
        faultWhenGone
            ? new TrackerStatus(name, TrackerKind.Balancer, false, 0, Detail: reason)
            : NoHealthyBackend(name, reason, noHealthyBackendWeight, isUp: false);

    /// <summary>The adjustment decides (IsUp only informs status); weight 0 makes it a fault.</summary>
    private static TrackerStatus NoHealthyBackend(string name, string detail, int weight, bool isUp) =>
        weight == 0
            ? new TrackerStatus(name, TrackerKind.Balancer, false, 0, Detail: detail)
            : new TrackerStatus(name, TrackerKind.Balancer, isUp, weight, weight, detail);
}
