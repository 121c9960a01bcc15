using System.Net;
using HaKube.Bench.Fixtures;
using HaKube.Bench.Runner;
using HaKube.NetLab;

namespace HaKube.Bench.DataPlane;

/// <summary>
/// (c) The data plane, in one lab: client → {nginx directly, HAProxy, tcplb} → three nginx backends. One balancer
/// runs at a time so they never compete for the machine's cores.
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
        await MeasureTargetAsync(ctx, Direct, null, client, new IPEndPoint(backends[0].Address, NginxBackend.Port), cert, null, null);
        foreach (var kind in Enum.GetValues<BalancerKind>())
        {
            var name = TargetName(kind);
            if (ctx.Options.Quick && kind == BalancerKind.TcplbNative)
            {
                ctx.Results.Skip(new NotMeasured(Part, name, "left out of --quick runs (the haproxy.cfg target measures the same data path)") { Deliberate = true });
                continue;
            }

            if (ctx.OverBudget)
            {
                ctx.Results.Skip(new NotMeasured(Part, name, ctx.BudgetReason));
                continue;
            }

            LabProcess process;
            try
            {
                process = await Balancers.StartAsync(kind, BalancerLimits.Guide, lb, client, dir, ctx.Options.Tcplb, ct);
            }
            catch (Exception e) when (e is DaemonExitedException or TimeoutException)
            {
                ctx.Results.Skip(new NotMeasured(Part, name, e.Message));
                continue;
            }

            try
            {
                await MeasureTargetAsync(ctx, name, Haproxy, client, new IPEndPoint(LbAddress, NginxBackend.Port), cert, Direct, process.Pid);
            }
            finally
            {
                await process.StopAsync();
            }
        }

        await IdleAsync(ctx, client, lb, backends, cert, dir);
    }

    private static async Task MeasureTargetAsync(
        BenchContext ctx, string target, string? reference, LabHost client, IPEndPoint endpoint, BenchCertificate cert, string? direct, int? balancerPid)
    {
        var ct = ctx.Stop;
        var p = ctx.Profile;
        ctx.Log($"dataplane: {target}");
        var conns = new List<double>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        var rate = new List<double>();
        var bulk = new List<double>();
        long errors = 0;
        for (var i = 0; i < p.WrkRuns; i++)
        {
            var c = await Wrk.NewConnectionsAsync(client, endpoint, p.WrkDuration, ct);
            conns.Add(c.RequestsPerSecond);
            errors += c.Errors;
            var one = await Wrk.OneAtATimeAsync(client, endpoint, p.WrkDuration, ct);
            p50.Add(one.P50Ms ?? double.NaN);
            p99.Add(one.P99Ms ?? double.NaN);
            errors += one.Errors;
            var k = await Wrk.KeptAliveAsync(client, endpoint, p.WrkDuration, ct);
            rate.Add(k.RequestsPerSecond);
            errors += k.Errors;
        }

        var bulkCpu = new List<double>();
        for (var i = 0; i < p.BulkRuns; i++)
        {
            var before = balancerPid is { } pid ? ProcessCpu.TreeCpuTime(pid) : TimeSpan.Zero;
            bulk.Add(await Bulk.DownloadAsync(client, endpoint, cert, ct));
            if (balancerPid is { } after)
            {
                bulkCpu.Add((ProcessCpu.TreeCpuTime(after) - before).TotalMilliseconds);
            }
        }

        var r = ctx.Results;
        reference = reference == target ? null : reference;
        r.Add(new Series(Part, ConnsPerSecond, target, "conn/s", conns) { ComparedWith = reference });
        r.Add(new Series(Part, BulkThroughput, target, "MB/s", bulk) { ComparedWith = reference });
        if (bulkCpu.Count > 0)
        {
            r.Add(new Series(Part, BulkCpu, target, "ms", bulkCpu)
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = "its threads' CPU time (schedstat) during each download",
            });
        }
        r.Add(new Series(Part, P50, target, "ms", p50) { ComparedWith = reference, LowerIsBetter = true });
        r.Add(new Series(Part, P99, target, "ms", p99) { ComparedWith = reference, LowerIsBetter = true });
        r.Add(new Series(Part, KeptAliveRate, target, "req/s", rate) { ComparedWith = reference });
        if (direct is not null && r.Series.Find(s => s.Part == Part && s.Metric == P99 && s.Target == direct) is { } d)
        {
            var baseline = Stats.Median(d.Samples);
            r.Add(new Series(Part, AddedP99, target, "ms", [.. p99.Select(v => v - baseline)])
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = "each run's p99 minus the median p99 of the direct runs",
            });
        }

        if (errors > 0)
        {
            r.Note(Part, $"{target}: wrk counted {errors} socket errors or non-2xx answers over all runs");
        }
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
