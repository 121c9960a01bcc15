using System.Globalization;
using System.Net;
using HaKube.Installer.Lab;
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
        _ => limits == BalancerLimits.Guide ? GuideHaproxyCfg() : HaproxyCfgAdmitting(IdleConnections),
    };

    /// <summary>The guide's haproxy.cfg with the lab's masters at 198.18.0.4–.6 (src/installer/Lab/GuideFiles.cs, shared with `hakube lab`).</summary>
    public static string GuideHaproxyCfg() => GuideFiles.Haproxy([.. LabTopology.Masters.Select(m => m.Address)]);

    /// <summary>
    /// The guide's file with limits that admit <paramref name="connections"/> idle connections: global maxconn raised,
    /// the per-server maxconn 250 / maxqueue 256 removed. Everything else as the guide has it.
    /// </summary>
    public static string HaproxyCfgAdmitting(int connections)
    {
        var text = GuideHaproxyCfg();
        text = Replace(text, "maxconn     4000", string.Create(CultureInfo.InvariantCulture, $"maxconn     {connections + 1000}"));
        return Replace(text, " maxconn 250 maxqueue 256", "");
    }

    private static string Replace(string text, string from, string to)
        => text.Contains(from, StringComparison.Ordinal)
            ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"the guide's file no longer contains '{from.Trim()}'; update {nameof(Balancers)}");

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
