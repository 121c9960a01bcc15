using System.Globalization;
using System.Net;
using HaKube.Bench.Fixtures;
using HaKube.Bench.Runner;
using HaKube.NetLab;

namespace HaKube.Bench.DataPlane;

/// <summary>
/// (c) The data plane, in one lab: client → {nginx directly, HAProxy, tcplb} → three nginx backends. Every balancer
/// runs at once, each on its own host, and the targets are measured in interleaved rounds (an idle balancer costs
/// next to nothing); the 5,000-connection tests then run one balancer at a time.
/// </summary>
internal static class DataPlaneBench
{
    public const string Part = "dataplane";
    public const string Direct = "direct (nginx)";
    public const string Haproxy = "HAProxy";
    public const string ConnsPerSecond = "new TLS connections/s";
    public const string BulkThroughput = "bulk throughput, 64 MiB body";
    public const string BulkCpu = "balancer CPU time per 64 MiB download";
    public const string P50 = "latency p50, one request at a time";
    public const string P99 = "latency p99, one request at a time";
    public const string AddedP99 = "added latency p99 (vs direct)";
    public const string HopP50 = "time in the balancer p50, request + answer";
    public const string HopP99 = "time in the balancer p99, request + answer";
    public const string KeptAliveRate = "requests/s, kept-alive";
    public const string IdleRss = "RSS holding 5,000 idle TLS connections";
    public const string PerConnection = "RSS per held connection";
    public const string Served = "of 5,000 connections, reaching a backend";
    public const string Closed = "of 5,000 connections, closed by the balancer";

    private static readonly IPAddress LbAddress = IPAddress.Parse("198.18.0.2");

    public static string TargetName(BalancerKind kind) => kind switch
    {
        BalancerKind.Haproxy => Haproxy,
        BalancerKind.TcplbHaproxyCfg => "tcplb (haproxy.cfg)",
        _ => "tcplb (native JSON)",
    };

    public static async Task RunAsync(BenchContext ctx)
    {
        var ct = ctx.Stop;
        ctx.SampleLoad(Part);
        await using var lab = await HaKube.NetLab.Lab.CreateAsync(ct);
        var client = await lab.AddHostAsync("client", new HostOptions { Address = IPAddress.Parse("198.18.0.20"), IPv6 = false }, ct);
        var lb = await lab.AddHostAsync("lb", new HostOptions { Address = LbAddress, IPv6 = false, PrivateDirectories = HostOptions.MachineLike }, ct);
        var backends = new List<LabHost>();
        for (var i = 1; i <= 3; i++)
        {
            backends.Add(await lab.AddHostAsync($"master{i}", new HostOptions { Address = IPAddress.Parse($"198.18.0.{3 + i}"), IPv6 = false }, ct));
        }

        // Tens of thousands of short connections per run: reuse TIME_WAIT ports and widen the range on both clients.
        foreach (var h in new[] { client, lb })
        {
            await h.RunCheckedAsync(["sysctl", "-q", "-w", "net.ipv4.tcp_tw_reuse=1", "net.ipv4.ip_local_port_range=1024 65000"], ct: ct);
        }

        var dir = Path.Combine(lab.DataDirectory, "bench");
        var cert = await BenchCertificate.CreateAsync(client, dir, ct);
        var root = await NginxBackend.CreateDocumentRootAsync(dir, ct);
        foreach (var b in backends)
        {
            await NginxBackend.StartAsync(b, client, cert, root, dir, ct);
        }

        ctx.Log("dataplane: lab up (client, lb, master1-3 with nginx)");
        await MeasureInterleavedAsync(ctx, lab, client, lb, backends[0], cert, dir);
        await IdleAsync(ctx, client, lb, backends, cert, dir);
    }

    /// <summary>Where each balancer runs while the targets are measured side by side: HAProxy on lb, the others on hosts of their own.</summary>
    private static readonly Dictionary<BalancerKind, (string Host, string Address)> Homes = new()
    {
        [BalancerKind.Haproxy] = ("lb", "198.18.0.2"),
        [BalancerKind.TcplbHaproxyCfg] = ("lbt", "198.18.0.3"),
        [BalancerKind.TcplbNative] = ("lbn", "198.18.0.7"),
    };

    /// <summary>
    /// Every target at once, each balancer on its own host with the same file and port (an idle balancer costs next to
    /// nothing), measured in rounds: each round runs every measurement once on every target, the targets in a rotated
    /// order. A change in the machine's load then hits every target alike, instead of whichever block it fell in.
    /// </summary>
    private static async Task MeasureInterleavedAsync(BenchContext ctx, HaKube.NetLab.Lab lab, LabHost client, LabHost lb, LabHost master1, BenchCertificate cert, string dir)
    {
        var ct = ctx.Stop;
        var targets = new List<Target> { new(Direct, null, new IPEndPoint(master1.Address, NginxBackend.Port), null, null) };
        var processes = new List<LabProcess>();
        try
        {
            foreach (var kind in Enum.GetValues<BalancerKind>())
            {
                var name = TargetName(kind);
                if (ctx.Options.Quick && kind == BalancerKind.TcplbNative)
                {
                    ctx.Results.Skip(new NotMeasured(Part, name, "left out of --quick runs (the haproxy.cfg target measures the same data path)") { Deliberate = true });
                    continue;
                }

                var (hostName, address) = Homes[kind];
                var host = lb;
                if (hostName != lb.Name)
                {
                    host = await lab.AddHostAsync(hostName, new HostOptions { Address = IPAddress.Parse(address), IPv6 = false, PrivateDirectories = HostOptions.MachineLike }, ct);
                    await host.RunCheckedAsync(["sysctl", "-q", "-w", "net.ipv4.tcp_tw_reuse=1", "net.ipv4.ip_local_port_range=1024 65000"], ct: ct);
                }

                try
                {
                    var process = await Balancers.StartAsync(kind, BalancerLimits.Guide, host, client, dir, ctx.Options.Tcplb, ct);
                    processes.Add(process);
                    targets.Add(new Target(name, Haproxy, new IPEndPoint(host.Address, NginxBackend.Port), process.Pid, host));
                }
                catch (Exception e) when (e is DaemonExitedException or TimeoutException)
                {
                    ctx.Results.Skip(new NotMeasured(Part, name, e.Message));
                }
            }

            var histogramScript = Path.Combine(dir, "latency-histogram.lua");
            await File.WriteAllTextAsync(histogramScript, LatencyHistogram.WrkScript, ct);
            var p = ctx.Profile;
            var downloadsPerRound = Math.Max(1, (p.BulkRuns + p.WrkRuns - 1) / p.WrkRuns);
            for (var round = 0; round < p.WrkRuns; round++)
            {
                if (ctx.OverBudget)
                {
                    ctx.Results.Note(Part, $"stopped after {round} rounds: {ctx.BudgetReason}");
                    break;
                }

                ctx.Log($"dataplane: round {round + 1} of {p.WrkRuns} ({string.Join(", ", targets.Select(t => t.Name))})");
                await MeasureLatencyAsync(ctx, targets, round, client, histogramScript, dir);
                for (var i = 0; i < targets.Count; i++)
                {
                    await MeasureOnceAsync(ctx, targets[(i + round) % targets.Count], client, cert, downloadsPerRound);
                }
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.StopAsync();
            }
        }

        foreach (var target in targets)
        {
            Record(ctx, target);
        }
    }

    /// <summary>
    /// Latency one request at a time, in slices of 1 s (the profile's LatencySlices per round), the targets taking turns
    /// slice by slice, so every target meets the same moments of the two cores. A slice's p99 is its hundred slowest
    /// requests: in a second when the machine stalls (1-3 ms pauses that hit the direct target as often as the
    /// balancers) it jumps tenfold, so the report takes the median over the slices, and gives the percentiles of all
    /// requests pooled (each slice's whole histogram is kept) beside it. Meanwhile a capture on each balancer's host
    /// times every request and answer through the balancer itself (<see cref="HopMatcher"/>): the hop the targets are
    /// about, without wrk's and nginx's time.
    /// </summary>
    private static async Task MeasureLatencyAsync(BenchContext ctx, List<Target> targets, int round, LabHost client, string histogramScript, string dir)
    {
        // The round before ended with downloads and handshake storms whose after-effects (the kernel reclaiming their
        // memory and sockets, the daemons their buffers) reached into the next second: the first slice of a round
        // read p99s of 1.5-2.8 ms where the others read 0.1-0.8. One second per target, not kept, lets that settle.
        foreach (var t in targets)
        {
            _ = await Wrk.OneAtATimeAsync(client, t.Endpoint, TimeSpan.FromSeconds(1), histogramScript, ctx.Stop);
        }

        var captures = await StartHopCapturesAsync(ctx, targets, round, dir);
        try
        {
            var slices = Math.Max(1, ctx.Profile.LatencySlices);
            for (var slice = 0; slice < slices; slice++)
            {
                for (var i = 0; i < targets.Count; i++)
                {
                    var t = targets[(i + round + slice) % targets.Count];
                    var one = await Wrk.OneAtATimeAsync(client, t.Endpoint, TimeSpan.FromSeconds(1), histogramScript, ctx.Stop);
                    var histogram = one.Histogram ?? throw new FormatException($"wrk printed no latency histogram for {t.Name}");
                    t.P50.Add(histogram.PercentileUs(50) ?? double.NaN);
                    t.P99.Add(histogram.PercentileUs(99) ?? double.NaN);
                    t.Latency.Add(histogram);
                    t.Errors += one.Errors;
                }
            }
        }
        finally
        {
            foreach (var (t, capture) in captures)
            {
                t.HopDropped += await capture.StopAsync();
            }
        }

        foreach (var (t, capture) in captures)
        {
            var matcher = new HopMatcher(t.Endpoint.Address, client.Address, t.Endpoint.Port);
            HopCapture.Read(capture.Path, matcher);
            File.Delete(capture.Path);
            // A slice is one wrk connection of about 10,000 exchanges; shorter ones are wrk reconnecting after an error.
            foreach (var exchanges in matcher.Exchanges(minimum: 1000))
            {
                t.HopP50.Add(Stats.Percentile(exchanges, 50));
                t.HopP99.Add(Stats.Percentile(exchanges, 99));
                t.Hop.AddRange(exchanges);
            }

            t.HopUnmatched += matcher.UnmatchedAnswers + matcher.UnforwardedRequests;
        }
    }

    /// <summary>A capture on every balancer's host for this round's latency slices; a host where tcpdump fails is noted and left out.</summary>
    private static async Task<List<(Target Target, HopCapture Capture)>> StartHopCapturesAsync(BenchContext ctx, List<Target> targets, int round, string dir)
    {
        var captures = new List<(Target, HopCapture)>();
        foreach (var t in targets)
        {
            if (t.Host is not { } host)
            {
                continue;
            }

            try
            {
                var path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"hop-{round}-{host.Name}.pcap"));
                captures.Add((t, await HopCapture.StartAsync(host, path, ctx.Stop)));
            }
            catch (TimeoutException e)
            {
                ctx.Results.Note(Part, $"{t.Name}: no capture of its hop in round {round + 1}: {e.Message}");
            }
        }

        return captures;
    }

    private static async Task MeasureOnceAsync(BenchContext ctx, Target t, LabHost client, BenchCertificate cert, int downloads)
    {
        var ct = ctx.Stop;
        var duration = ctx.Profile.WrkDuration;
        var c = await Wrk.NewConnectionsAsync(client, t.Endpoint, duration, ct);
        t.Conns.Add(c.RequestsPerSecond);
        t.Errors += c.Errors;
        var k = await Wrk.KeptAliveAsync(client, t.Endpoint, duration, ct);
        t.Rate.Add(k.RequestsPerSecond);
        t.Errors += k.Errors;
        for (var i = 0; i < downloads; i++)
        {
            var before = t.Pid is { } pid ? ProcessCpu.TreeCpuTime(pid) : TimeSpan.Zero;
            t.Bulk.Add(await Bulk.DownloadAsync(client, t.Endpoint, cert, ct));
            if (t.Pid is { } after)
            {
                t.BulkCpu.Add((ProcessCpu.TreeCpuTime(after) - before).TotalMilliseconds);
            }
        }
    }

    private static void Record(BenchContext ctx, Target t)
    {
        var r = ctx.Results;
        var reference = t.Reference == t.Name ? null : t.Reference;
        if (t.Conns.Count == 0)
        {
            return;
        }

        r.Add(new Series(Part, ConnsPerSecond, t.Name, "conn/s", t.Conns) { ComparedWith = reference });
        r.Add(new Series(Part, BulkThroughput, t.Name, "MB/s", t.Bulk) { ComparedWith = reference });
        if (t.BulkCpu.Count > 0)
        {
            r.Add(new Series(Part, BulkCpu, t.Name, "ms", t.BulkCpu)
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = "its threads' CPU time (schedstat) during each download",
            });
        }

        r.Add(new Series(Part, P50, t.Name, "µs", t.P50) { ComparedWith = reference, LowerIsBetter = true });
        r.Add(new Series(Part, P99, t.Name, "µs", t.P99) { ComparedWith = reference, LowerIsBetter = true, Note = PooledNote(t) });
        r.Add(new Series(Part, KeptAliveRate, t.Name, "req/s", t.Rate) { ComparedWith = reference });
        if (t.Name != Direct && r.Series.Find(s => s.Part == Part && s.Metric == P99 && s.Target == Direct) is { } d)
        {
            var baseline = Stats.Median(d.Samples);
            r.Add(new Series(Part, AddedP99, t.Name, "µs", [.. t.P99.Select(v => v - baseline)])
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = "each run's p99 minus the median p99 of the direct runs",
            });
        }

        if (t.HopP99.Count > 0)
        {
            r.Add(new Series(Part, HopP50, t.Name, "µs", t.HopP50) { ComparedWith = reference, LowerIsBetter = true });
            r.Add(new Series(Part, HopP99, t.Name, "µs", t.HopP99)
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = HopNote(t),
            });
        }

        if (t.Errors > 0)
        {
            r.Note(Part, $"{t.Name}: wrk counted {t.Errors} socket errors or non-2xx answers over all runs");
        }
    }

    /// <summary>The same percentiles over every request of every run taken together, beside the median of the runs' own.</summary>
    private static string PooledNote(Target t)
        => string.Create(
            CultureInfo.InvariantCulture,
            $"all {t.Latency.Count:N0} requests pooled: p99 {t.Latency.PercentileUs(99):N0} µs, p99.9 {t.Latency.PercentileUs(99.9):N0} µs");

    /// <summary>How the hop was timed, and its percentiles over every exchange of every slice taken together.</summary>
    private static string HopNote(Target t)
    {
        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"from a capture on its host's interface: a request's arrival to its forwarding plus the answer's, per 1 s slice; all {t.Hop.Count:N0} exchanges pooled: p99 {Stats.Percentile(t.Hop, 99):0.#} µs, p99.9 {Stats.Percentile(t.Hop, 99.9):0.#} µs");
        if (t.HopDropped > 0 || t.HopUnmatched > 0)
        {
            note += string.Create(CultureInfo.InvariantCulture, $"; {t.HopDropped:N0} segments dropped by the capture, {t.HopUnmatched:N0} without their twin");
        }

        return note;
    }

    /// <summary>One target of the interleaved measurement and what it collected; <paramref name="Host"/> is a balancer's.</summary>
    private sealed record Target(string Name, string? Reference, IPEndPoint Endpoint, int? Pid, LabHost? Host)
    {
        public List<double> HopP50 { get; } = [];
        public List<double> HopP99 { get; } = [];
        public List<double> Hop { get; } = [];
        public long HopDropped { get; set; }
        public long HopUnmatched { get; set; }

        public List<double> Conns { get; } = [];
        public List<double> P50 { get; } = [];
        public List<double> P99 { get; } = [];
        public LatencyHistogram Latency { get; } = new();
        public List<double> Rate { get; } = [];
        public List<double> Bulk { get; } = [];
        public List<double> BulkCpu { get; } = [];
        public long Errors { get; set; }
    }

    private static async Task IdleAsync(BenchContext ctx, LabHost client, LabHost lb, List<LabHost> backends, BenchCertificate cert, string dir)
    {
        var ct = ctx.Stop;
        var endpoint = new IPEndPoint(LbAddress, NginxBackend.Port);
        foreach (var limits in new[] { BalancerLimits.Admit5000, BalancerLimits.Guide })
        {
            foreach (var kind in new[] { BalancerKind.Haproxy, BalancerKind.TcplbHaproxyCfg })
            {
                var name = TargetName(kind);
                var what = limits == BalancerLimits.Guide ? $"{name}: the guide's limits with 5,000 connections" : $"{name}: RSS with 5,000 idle connections";
                if (ctx.OverBudget)
                {
                    ctx.Results.Skip(new NotMeasured(Part, what, ctx.BudgetReason));
                    continue;
                }

                LabProcess process;
                try
                {
                    process = await Balancers.StartAsync(kind, limits, lb, client, dir, ctx.Options.Tcplb, ct);
                }
                catch (Exception e) when (e is DaemonExitedException or TimeoutException)
                {
                    ctx.Results.Skip(new NotMeasured(Part, what, e.Message));
                    continue;
                }

                ctx.Log($"dataplane: {what}");
                try
                {
                    // Before any connection: the baseline the per-connection cost is taken from (allocators keep what they got).
                    var baseline = ProcessMemory.TreeRssKib(process.Pid);
                    var holds = new List<IdleConnections.Hold>();
                    for (var i = 0; i < ctx.Profile.IdleRuns; i++)
                    {
                        holds.Add(limits == BalancerLimits.Admit5000
                            ? await IdleConnections.HoldWithHandshakesAsync(client, endpoint, process.Pid, backends, cert, Balancers.IdleConnections, ct)
                            // Longer than the guide's queue timeout (timeout connect 5 s), so queued connections have been dropped.
                            : await IdleConnections.HoldPlainAsync(client, endpoint, process.Pid, backends, Balancers.IdleConnections, TimeSpan.FromSeconds(7), ct));
                    }

                    Record(ctx, name, kind == BalancerKind.Haproxy ? null : Haproxy, limits, baseline, holds);
                }
                finally
                {
                    await process.StopAsync();
                }
            }
        }
    }

    private static void Record(BenchContext ctx, string target, string? reference, BalancerLimits limits, long baselineKib, List<IdleConnections.Hold> holds)
    {
        var r = ctx.Results;
        if (limits == BalancerLimits.Admit5000)
        {
            r.Add(new Series(Part, IdleRss, target, "MiB", [.. holds.Select(h => h.RssHoldingKib / 1024.0)])
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = "limits raised in both: global maxconn 6000, no per-server maxconn/maxqueue",
            });
            r.Add(new Series(Part, PerConnection, target, "KiB", [.. holds.Select(h => (h.RssHoldingKib - baselineKib) / (double)Math.Max(1, h.Served))])
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = "(RSS holding − RSS just after start) / connections held",
            });
            foreach (var h in holds.Where(h => h.Served < Balancers.IdleConnections || h.ConnectFailures > 0))
            {
                r.Note(Part, $"{target} with raised limits: {h.Served} of {Balancers.IdleConnections} reached a backend, {h.ConnectFailures} connects failed");
            }
        }
        else
        {
            r.Add(new Series(Part, Served, target, "connections", [.. holds.Select(h => (double)h.Served)])
            {
                ComparedWith = reference,
                Note = "guide's file: global maxconn 4000, 3 servers × maxconn 250, maxqueue 256; counted on the backends 7 s after connecting",
            });
            r.Add(new Series(Part, Closed, target, "connections", [.. holds.Select(h => (double)h.ClosedByBalancer)]) { ComparedWith = reference });
            var runs = string.Join("; ", holds.Select(h =>
                $"{h.Served} reached a backend, {h.ClosedByBalancer} closed by the balancer, {h.Opened - h.Served - h.ClosedByBalancer} open but not served (queued or not accepted), {h.ConnectFailures} connects failed"));
            r.Note(Part, $"{target} with the guide's limits, 5,000 connections in each run: {runs}");
        }
    }
}
