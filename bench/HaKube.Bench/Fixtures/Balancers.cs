using System.Globalization;
using System.Net;
using HaKube.NetLab;

namespace HaKube.Bench.Fixtures;

/// <summary>Starts a balancer under test on a lab host, in the foreground, and waits until the client can connect to it.</summary>
internal static class Balancers
{
    public const int IdleConnections = 5000;

    public static string Describe(BalancerKind kind, BalancerLimits limits) => (kind, limits) switch
    {
        (BalancerKind.Haproxy, BalancerLimits.Guide) => "HAProxy, guide's haproxy.cfg",
        (BalancerKind.TcplbHaproxyCfg, BalancerLimits.Guide) => "tcplb, guide's haproxy.cfg",
        (BalancerKind.TcplbNative, BalancerLimits.Guide) => "tcplb, native JSON",
        (BalancerKind.Haproxy, _) => "HAProxy, limits raised",
        (BalancerKind.TcplbHaproxyCfg, _) => "tcplb, same haproxy.cfg",
        (BalancerKind.TcplbNative, _) => "tcplb, native JSON, limits raised",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The file the balancer reads, with the guide's three masters at 198.18.0.4–.6.</summary>
    public static string ConfigText(BalancerKind kind, BalancerLimits limits) => kind switch
    {
        BalancerKind.TcplbNative => NativeConfigs.Tcplb(limits == BalancerLimits.Admit5000 ? IdleConnections + 1000 : null),
        _ => limits == BalancerLimits.Guide ? GuideFiles.HaproxyCfg() : GuideFiles.HaproxyCfgAdmitting(IdleConnections),
    };

    /// <summary>Starts the balancer on <paramref name="host"/> with its files in <paramref name="directory"/>.</summary>
    /// <exception cref="DaemonExitedException">It exited before listening (e.g. tcplb's command line is not there yet).</exception>
    public static async Task<LabProcess> StartAsync(
        BalancerKind kind, BalancerLimits limits, LabHost host, LabHost client, string directory, string tcplbPath, CancellationToken ct)
    {
        var dir = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{kind}-{limits}-{Environment.TickCount64}").ToLowerInvariant());
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, kind == BalancerKind.TcplbNative ? "tcplb.json" : "haproxy.cfg");
        await File.WriteAllTextAsync(file, ConfigText(kind, limits), ct);
        LabProcess process;
        if (kind == BalancerKind.Haproxy)
        {
            process = host.Start(["haproxy", "-f", file, "-db"]);
        }
        else
        {
            if (!File.Exists(tcplbPath))
            {
                throw new DaemonExitedException($"{tcplbPath} does not exist (scripts/build.sh did not publish tcplb)");
            }

            process = host.Start([Path.GetFullPath(tcplbPath), "-f", file, "--run-dir", Path.Combine(dir, "run")]);
        }

        try
        {
            await Net.WaitListeningAsync(client, new IPEndPoint(host.Address, NginxBackend.Port), process, TimeSpan.FromSeconds(20), ct);
        }
        catch
        {
            await process.StopAsync();
            throw;
        }

        return process;
    }
}
