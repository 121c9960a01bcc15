namespace HaKube.Bench.Failover;

/// <summary>
/// What one failover run measured, from the fault instant T0:
/// outage = start of the first successful probe after the last failed one − start of the first failed probe (0 when none failed);
/// VIP move = the VIP's arrival on the other node − T0; VIP on both = how long both nodes held it within the run.
/// </summary>
internal sealed record FailoverRunResult(double OutageMs, int FailedProbes, int Probes, double? VipMoveMs, double VipOnBothMs, bool VipStillOnBoth)
{
    public static FailoverRunResult Analyze(
        IReadOnlyList<ProbeRecord> probes, IReadOnlyList<VipEvent> events, DateTimeOffset t0, DateTimeOffset end, string holder, string other)
    {
        var failed = probes.Where(p => !p.Ok).ToArray();
        double outage = 0;
        if (failed.Length > 0)
        {
            var first = failed.Min(p => p.Start);
            var last = failed.Max(p => p.Start);
            var back = probes.Where(p => p.Ok && p.Start > last).Select(p => (DateTimeOffset?)p.Start).Min() ?? end;
            outage = (back - first).TotalMilliseconds;
        }

        double? move = events.Where(e => e.At >= t0 && e.Host == other && e.Added).Select(e => (double?)(e.At - t0).TotalMilliseconds).Min();

        // Replay the VIP's owners from T0: the holder had it, the other did not.
        var owners = new HashSet<string>(StringComparer.Ordinal) { holder };
        DateTimeOffset? bothSince = null;
        double both = 0;
        foreach (var e in events.Where(e => e.At >= t0))
        {
            if (e.Added)
            {
                owners.Add(e.Host);
            }
            else
            {
                owners.Remove(e.Host);
            }

            if (owners.Count >= 2 && bothSince is null)
            {
                bothSince = e.At;
            }
            else if (owners.Count < 2 && bothSince is { } since)
            {
                both += (e.At - since).TotalMilliseconds;
                bothSince = null;
            }
        }

        if (bothSince is { } open)
        {
            both += (end - open).TotalMilliseconds;
        }

        return new FailoverRunResult(outage, failed.Length, probes.Count, move, both, bothSince is not null);
    }
}
