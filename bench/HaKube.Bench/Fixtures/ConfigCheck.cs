using System.Globalization;
using System.Net;
using HaKube.Common.Configuration;
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
        var files = new List<(string Name, string Text, bool Vrrpd)>
        {
            ("tcplb, guide's haproxy.cfg", GuideFiles.HaproxyCfg(), false),
            ("tcplb, guide's haproxy.cfg with limits raised", GuideFiles.HaproxyCfgAdmitting(Balancers.IdleConnections), false),
            ("tcplb, native JSON", NativeConfigs.Tcplb(), false),
            ("tcplb, native JSON with limits raised", NativeConfigs.Tcplb(Balancers.IdleConnections + 1000), false),
            ("vrrpd, guide-equivalent native JSON", NativeConfigs.Vrrpd("198.18.0.2", "198.18.0.3", null), true),
            ("vrrpd, native JSON following tcplb, advert_int 1 s", NativeConfigs.Vrrpd("198.18.0.2", "198.18.0.3", "/run/tcplb/admin.sock"), true),
            ("vrrpd, native JSON following tcplb, advert_int 0.1 s v3", NativeConfigs.Vrrpd("198.18.0.2", "198.18.0.3", "/run/tcplb/admin.sock", 0.1m, 3), true),
        };
        var findings = new List<(string, bool, string)>();
        var lb1 = new HashSet<IPAddress> { IPAddress.Parse("198.18.0.2") };
        foreach (var (name, text, vrrpd) in files)
        {
            var diagnostics = vrrpd
                ? VrrpdConfig.LoadText(text, name, lb1).Diagnostics
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
