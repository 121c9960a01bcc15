using System.Net;
using HaKube.Bench.Fixtures;
using HaKube.Bench.Runner;
using HaKube.Installer.Lab;
using HaKube.NetLab;

namespace HaKube.Bench.Memory;

/// <summary>
/// (d) Resident memory of each daemon at rest: started on a lab node with the guide's (or the guide-equivalent native)
/// file, the three masters answering, idle a few seconds, then VmRSS sampled once a second (summed over the process
/// tree: keepalived runs a parent and a VRRP child). One daemon runs at a time, except keepalived, whose track script
/// needs this node's HAProxy.
/// </summary>
internal static class AtRestBench
{
    public const string Part = "memory";
    public const string Rss = "RSS at rest";

    public static async Task RunAsync(BenchContext ctx)
    {
        var ct = ctx.Stop;
        ctx.SampleLoad(Part);
        await using var lab = await HaKube.NetLab.Lab.CreateAsync(ct);
        var client = await lab.AddHostAsync("client", new HostOptions { Address = IPAddress.Parse("198.18.0.20"), IPv6 = false }, ct);
        var lb1 = await lab.AddHostAsync("lb1", new HostOptions { Address = IPAddress.Parse("198.18.0.2"), IPv6 = false, PrivateDirectories = HostOptions.MachineLike }, ct);
        var dir = Path.Combine(lab.DataDirectory, "bench");
        var cert = await BenchCertificate.CreateAsync(client, dir, ct);
        var root = Path.Combine(dir, "www");
        Directory.CreateDirectory(root);
        for (var i = 1; i <= 3; i++)
        {
            var m = await lab.AddHostAsync($"master{i}", new HostOptions { Address = IPAddress.Parse($"198.18.0.{3 + i}"), IPv6 = false }, ct);
            await NginxBackend.StartAsync(m, client, cert, root, dir, ct);
        }

        ctx.Log("memory: lab up");
        var self = lb1.Address.ToString();
        const string Peer = "198.18.0.3";

        await MeasureAsync(ctx, "haproxy", null, async () =>
            await ReferenceDaemons.StartHaproxyAsync(lb1, Balancers.GuideHaproxyCfg(), dir, ct));
        await MeasureAsync(ctx, "tcplb (haproxy.cfg)", "haproxy", () =>
            Balancers.StartAsync(BalancerKind.TcplbHaproxyCfg, BalancerLimits.Guide, lb1, client, dir, ctx.Options.Tcplb, ct));
        await MeasureAsync(ctx, "tcplb (native JSON)", "haproxy", () =>
            Balancers.StartAsync(BalancerKind.TcplbNative, BalancerLimits.Guide, lb1, client, dir, ctx.Options.Tcplb, ct));

        // keepalived and vrrpd both track this node's HAProxy (the guide's script, made node-local).
        var haproxy = await ReferenceDaemons.StartHaproxyAsync(lb1, Balancers.GuideHaproxyCfg(), dir, ct);
        await MeasureAsync(ctx, "keepalived", null, async () =>
            await ReferenceDaemons.StartKeepalivedAsync(lb1, GuideFiles.Keepalived(lb1.Address, IPAddress.Parse(Peer), LabTopology.Vip, LabTopology.PrefixLength), dir, ct));
        await MeasureAsync(ctx, "vrrpd (native JSON)", "keepalived", async () =>
        {
            if (!File.Exists(ctx.Options.Vrrpd))
            {
                throw new DaemonExitedException($"{ctx.Options.Vrrpd} does not exist (scripts/build.sh did not publish vrrpd)");
            }

            var file = Path.Combine(dir, "vrrpd.json");
            await File.WriteAllTextAsync(file, NativeConfigs.Vrrpd(self, Peer), ct);
            return lb1.Start([Path.GetFullPath(ctx.Options.Vrrpd), "-f", file, "--run-dir", Path.Combine(dir, "vrrpd-run")]);
        });
        await haproxy.StopAsync();
    }

    private static async Task MeasureAsync(BenchContext ctx, string daemon, string? reference, Func<Task<LabProcess>> start)
    {
        if (ctx.OverBudget)
        {
            ctx.Results.Skip(new NotMeasured(Part, daemon, ctx.BudgetReason));
            return;
        }

        LabProcess process;
        try
        {
            process = await start();
        }
        catch (Exception e) when (e is DaemonExitedException or TimeoutException)
        {
            ctx.Results.Skip(new NotMeasured(Part, daemon, e.Message));
            return;
        }

        try
        {
            ctx.Log($"memory: {daemon} (pid {process.Pid})");
            // Idle a few seconds first: startup allocations settle, the first checks and adverts have run.
            await Task.Delay(TimeSpan.FromSeconds(3), ctx.Stop);
            var samples = new List<double>();
            for (var i = 0; i < ctx.Profile.RestSamples; i++)
            {
                if (process.HasExited)
                {
                    break;
                }

                samples.Add(ProcessMemory.TreeRssKib(process.Pid) / 1024.0);
                await Task.Delay(TimeSpan.FromSeconds(1), ctx.Stop);
            }

            if (process.HasExited || samples.Count == 0)
            {
                ctx.Results.Skip(new NotMeasured(Part, daemon, new DaemonExitedException(process).Message));
                return;
            }

            var tree = ProcessMemory.Tree(process.Pid);
            ctx.Results.Add(new Series(Part, Rss, daemon, "MiB", samples)
            {
                ComparedWith = reference,
                LowerIsBetter = true,
                Note = tree.Count > 1 ? $"sum over {tree.Count} processes" : null,
            });
        }
        finally
        {
            await process.StopAsync();
        }
    }
}
