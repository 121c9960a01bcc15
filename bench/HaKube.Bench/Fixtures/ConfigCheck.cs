using System.Globalization;
using System.Net;
using HaKube.Bench.Failover;
using HaKube.Common.Configuration;
using HaKube.Installer.Lab;
using TcplbConfig = HaKube.Tcplb.Configuration.ConfigLoader;
using VrrpdConfig = HaKube.Vrrpd.Configuration.ConfigLoader;

namespace HaKube.Bench.Fixtures;

/// <summary>
/// Reads every file the bench gives tcplb and vrrpd through their own configuration loaders, so a file the daemons
/// would refuse is found before a lab is built (and named in RESULTS.md), not as a daemon that exits at start.
/// </summary>
internal static class ConfigCheck
{
    /// <summary>The findings (errors and warnings) per file, as "name: FILE:LINE: severity: field: message".</summary>
    public static IReadOnlyList<(string Name, bool IsError, string Text)> Run()
    {
        var lb1 = LabTopology.LoadBalancers[0];
        var lb2 = LabTopology.LoadBalancers[1];
        string HaKubeVrrpd(VrrpTimers timers) => HaKubeFiles.Vrrpd(lb1.Name, lb1.Address, lb2.Address, LabTopology.Vip,
            LabTopology.PrefixLength, LabTopology.Interface, LabTopology.VirtualRouterId, timers);
        var files = new List<(string Name, string Text, bool Vrrpd)>
        {
            ("tcplb, guide's haproxy.cfg", Balancers.GuideHaproxyCfg(), false),
            ("tcplb, guide's haproxy.cfg with limits raised", Balancers.HaproxyCfgAdmitting(Balancers.IdleConnections), false),
            ("tcplb, native JSON", NativeConfigs.Tcplb(), false),
            ("tcplb, native JSON with limits raised", NativeConfigs.Tcplb(Balancers.IdleConnections + 1000), false),
            ("tcplb, the lab's native JSON (failover)", HaKubeFiles.Tcplb([.. LabTopology.Masters.Select(m => (m.Name, m.Address))], LabTopology.ApiServerPort), false),
            ("vrrpd, guide-equivalent native JSON", NativeConfigs.Vrrpd("198.18.0.2", "198.18.0.3"), true),
        };
        foreach (var variant in FailoverBench.Variants.DistinctBy(v => v.Timers))
        {
            files.Add(($"vrrpd, the lab's native JSON (failover), {variant.TimersName}", HaKubeVrrpd(variant.Timers), true));
        }

        var findings = new List<(string, bool, string)>();
        var local = new HashSet<IPAddress> { lb1.Address };
        foreach (var (name, text, vrrpd) in files)
        {
            var diagnostics = vrrpd
                ? VrrpdConfig.LoadText(text, name, local).Diagnostics
                : TcplbConfig.Parse(text, name).Diagnostics;
            foreach (var d in diagnostics)
            {
                findings.Add((name, d.Severity == Severity.Error,
                    string.Create(CultureInfo.InvariantCulture, $"line {d.Line}: {d.Severity}: {d.Field}: {d.Message}")));
            }
        }

        return findings;
    }
}
