using System.Globalization;
using System.Net;

namespace HaKube.Bench.Fixtures;

/// <summary>
/// The reference guide's haproxy.cfg and keepalived.conf, verbatim (embedded from the guide), with only the
/// addresses moved from 172.16.0.0/24 to the lab's 198.18.0.0/24 (host numbers kept: lb1 .2, lb2 .3, masters .4–.6,
/// VIP .10) and, where a variant says so, the one change it names.
/// </summary>
internal static class GuideFiles
{
    public static string HaproxyCfg() => ToLab(Read("guide-haproxy.cfg"));

    /// <summary>
    /// The guide's file with limits that admit <paramref name="connections"/> idle connections: global maxconn raised,
    /// the per-server maxconn 250 / maxqueue 256 removed. Everything else as the guide has it.
    /// </summary>
    public static string HaproxyCfgAdmitting(int connections)
    {
        var text = HaproxyCfg();
        text = Replace(text, "maxconn     4000", string.Create(CultureInfo.InvariantCulture, $"maxconn     {connections + 1000}"));
        return Replace(text, " maxconn 250 maxqueue 256", "");
    }

    /// <summary>
    /// The guide's keepalived.conf for one node. The track script "killall -0 haproxy" becomes
    /// <paramref name="trackScript"/>: killall sees every namespace on this machine, so it must check this node's pid.
    /// </summary>
    public static string KeepalivedConf(IPAddress self, IPAddress peer, string trackScript, string advertInt = "1", int vrrpVersion = 2)
    {
        var text = Read("guide-keepalived.conf");
        text = Replace(text, "script \"killall -0 haproxy\"", $"script \"{trackScript}\"");
        text = Replace(text, "unicast_src_ip 172.16.0.2", $"unicast_src_ip {self}");
        text = Replace(text, "    172.16.0.3 ", $"    {peer} ");
        text = Replace(text, "advert_int 1\n", $"advert_int {advertInt}\n");
        if (vrrpVersion == 3)
        {
            text = Replace(text, "  router_id LVS_DEVEL\n", "  router_id LVS_DEVEL\n  vrrp_version 3\n");
        }

        return ToLab(text);
    }

    /// <summary>Maps a guide address (172.16.0.N) to the lab's (198.18.0.N).</summary>
    public static string ToLab(string text) => text.Replace("172.16.0.", "198.18.0.", StringComparison.Ordinal);

    private static string Replace(string text, string from, string to)
    {
        if (!text.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the guide's file no longer contains '{from.Trim()}'; update {nameof(GuideFiles)}");
        }

        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static string Read(string name)
    {
        using var stream = typeof(GuideFiles).Assembly.GetManifestResourceStream("HaKube.Bench.Fixtures." + name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
