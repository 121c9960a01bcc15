using System.Globalization;

namespace HaKube.Installer.Lab;

/// <summary>Turns a <see cref="FailoverObservation"/> into a <see cref="FailoverReport"/>; no I/O.</summary>
internal static class FailoverAnalysis
{
    public static FailoverReport Analyze(FailoverObservation o)
    {
        double Ms(DateTimeOffset t) => Math.Round((t - o.KilledAt).TotalMilliseconds, 1);

        var added = o.AddressEvents.Where(e => e.Added && e.Node == o.OtherNode && e.At >= o.KilledAt).MinBy(e => e.At);
        var removed = o.AddressEvents.Where(e => !e.Added && e.Node == o.OldHolder && e.At >= o.KilledAt).MinBy(e => e.At);
        var newHolder = added is not null || o.FinalHolders.Contains(o.OtherNode) ? o.OtherNode : null;
        var newMac = newHolder is not null ? o.Macs[newHolder] : null;
        var neighbour = newMac is null ? null
            : o.NeighbourEvents.Where(e => e.At >= o.KilledAt && string.Equals(e.Mac, newMac, StringComparison.OrdinalIgnoreCase)).MinBy(e => e.At);
        var (both, bothMs) = Overlap(o);
        var tcp = Summarize("tcp", o.Probes, o.KilledAt);
        var tls = Summarize("tls", o.Probes, o.KilledAt);
        var fault = o.FaultDescription ?? $"{o.KilledProcess} (pid {o.KilledPid}) killed on {o.OldHolder}";

        var timeline = new List<TimelineEntry> { new(0, fault) };
        if (!LabFaults.MovesVip(o.Fault))
        {
            // An apiserver behind the balancers: the VIP must stay, and every failed probe failed while that server was down.
            timeline.Add(new(0, newHolder is null && o.FinalHolders.SequenceEqual([o.OldHolder])
                ? $"the VIP stays on {o.OldHolder}: the fault is behind the balancers"
                : $"the VIP did not stay on {o.OldHolder} alone (now on {(o.FinalHolders.Count == 0 ? "none" : string.Join(", ", o.FinalHolders))})"));
        }

        timeline.AddRange(o.StackActions.Select(a => new TimelineEntry(Ms(a.At), a.What)));
        if (removed is not null)
        {
            timeline.Add(new(Ms(removed.At), $"VIP removed from {o.OldHolder}"));
        }

        if (added is not null)
        {
            timeline.Add(new(Ms(added.At), $"VIP added on {o.OtherNode}"));
        }

        if (neighbour is not null)
        {
            timeline.Add(new(Ms(neighbour.At), $"client's neighbour entry for the VIP → {neighbour.Mac} ({o.OtherNode})"));
        }

        foreach (var s in new[] { tcp, tls })
        {
            var kind = s.Kind == "tcp" ? "TCP connect" : "TLS GET /readyz";
            if (s.FirstFailedMs is { } f)
            {
                timeline.Add(new(f, $"first failed {kind} probe"));
            }

            if (s.FirstSuccessAfterFailureMs is { } ok)
            {
                timeline.Add(new(ok, $"first {kind} probe passing again"));
            }

            if (s.RecoveredMs is { } r && r != s.FirstSuccessAfterFailureMs)
            {
                timeline.Add(new(r, $"{kind} probes pass from here on"));
            }
        }

        return new FailoverReport
        {
            Mode = o.Mode,
            Fault = o.Fault,
            FaultDescription = fault,
            FaultHost = o.FaultHost ?? o.OldHolder,
            OldHolder = o.OldHolder,
            NewHolder = newHolder,
            KilledProcess = o.KilledProcess,
            KilledPid = o.KilledPid,
            KilledAt = o.KilledAt,
            VipRemovedFromOldMs = removed is null ? null : Ms(removed.At),
            VipAddedToNewMs = added is null ? null : Ms(added.At),
            OldMac = o.OldMac,
            NewMac = newMac,
            NeighbourChangedMs = neighbour is null ? null : Ms(neighbour.At),
            BothHeldVip = both,
            BothHeldMs = Math.Round(bothMs, 1),
            VipOnBothAtEnd = o.FinalHolders.Count(h => h != o.IsolatedNode) > 1,
            Tcp = tcp,
            Tls = tls,
            Timeline = [.. timeline.OrderBy(e => e.Ms)],
            Trace = new FailoverTrace
            {
                Probes = [.. o.Probes.Where(p => p.Kind is not null).OrderBy(p => p.T).Select(p => new ProbePoint(Math.Round((p.StartedAt - o.KilledAt).TotalMilliseconds, 1), p.Kind!, p.Ok))],
                Vip = [.. o.AddressEvents.OrderBy(e => e.At).Select(e => new VipChange(Ms(e.At), e.Node, e.Added))],
            },
        };
    }

    /// <summary>Per kind: failures, the first failure, the first success after it, and the first success after the last failure.</summary>
    public static ProbeSummary Summarize(string kind, IReadOnlyList<ProbeRecord> probes, DateTimeOffset killedAt)
    {
        double Ms(ProbeRecord p) => Math.Round((p.StartedAt - killedAt).TotalMilliseconds, 1);

        var mine = probes.Where(p => p.Kind == kind).OrderBy(p => p.T).ToList();
        // The outage starts with the first probe that fails having started after the kill; probes in flight when the
        // balancer died (their connections reset) count as failures, but say nothing about when service returns.
        var firstFailed = mine.FindIndex(p => !p.Ok && p.StartedAt >= killedAt);
        var lastFailed = mine.FindLastIndex(p => !p.Ok);
        var afterFirst = firstFailed < 0 ? -1 : mine.FindIndex(firstFailed, p => p.Ok);
        var afterLast = lastFailed < 0 ? -1 : mine.FindIndex(lastFailed, p => p.Ok);
        return new ProbeSummary
        {
            Kind = kind,
            Total = mine.Count,
            Failed = mine.Count(p => !p.Ok),
            FirstFailedMs = firstFailed < 0 ? null : Ms(mine[firstFailed]),
            InFlightFailed = mine.Count(p => !p.Ok && p.StartedAt < killedAt),
            LastFailedMs = lastFailed < 0 ? null : Ms(mine[lastFailed]),
            FirstSuccessAfterFailureMs = afterFirst < 0 ? null : Ms(mine[afterFirst]),
            RecoveredMs = afterLast < 0 ? null : Ms(mine[afterLast]),
            Errors = mine.Where(p => !p.Ok).GroupBy(p => p.Error ?? "unknown", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Replays the address events from the state before the fault (the old holder alone) and sums the time both held
    /// the VIP; an isolated node's copy is not counted, nobody can reach it.
    /// </summary>
    private static (bool Both, double Ms) Overlap(FailoverObservation o)
    {
        var holds = new Dictionary<string, bool>(StringComparer.Ordinal) { [o.OldHolder] = true, [o.OtherNode] = false };
        DateTimeOffset? since = null;
        var total = 0.0;
        var ever = false;
        foreach (var e in o.AddressEvents.OrderBy(e => e.At))
        {
            holds[e.Node] = e.Added;
            var bothNow = holds.Count(h => h.Value && h.Key != o.IsolatedNode) > 1;
            if (bothNow && since is null)
            {
                since = e.At;
                ever = true;
            }
            else if (!bothNow && since is { } s)
            {
                total += (e.At - s).TotalMilliseconds;
                since = null;
            }
        }

        // Still both at the end of the measurement: count up to the last probe.
        if (since is { } open)
        {
            var end = o.Probes.Count > 0 ? o.Probes.Max(p => p.StartedAt) : open;
            total += Math.Max(0, (end - open).TotalMilliseconds);
        }

        ever |= o.FinalHolders.Count(h => h != o.IsolatedNode) > 1;

        return (ever, total);
    }

    /// <summary>"1234.5 ms" for a number, "—" for null.</summary>
    public static string Format(double? ms) => ms is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " ms" : "—";
}
