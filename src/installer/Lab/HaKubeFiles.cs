using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HaKube.Installer.Lab;

/// <summary>
/// vrrpd's and tcplb's native files for a load-balancer node, in HaKube's recommended configuration
/// (docs/vrrpd-config.md, docs/tcplb-config.md, docs/readiness-stream.md): VRRPv3 unicast between lb1 and lb2,
/// tcplb followed as a fault through its readiness stream (tracker d) and its pid file (tracker c), HTTPS
/// /readyz checks with fastinter against the lab CA, a long tunnel timeout.
/// </summary>
internal static class HaKubeFiles
{
    public const string TcplbFile = "/etc/tcplb/tcplb.json";
    public const string TcplbCaFile = "/etc/tcplb/ca.pem";
    public const string TcplbRunDirectory = "/run/tcplb";
    public const string TcplbPidFile = "/run/tcplb/tcplb.pid";
    public const string TcplbAdminSocket = "/run/tcplb/admin.sock";
    public const string VrrpdFile = "/etc/vrrpd/vrrpd.json";
    public const string VrrpdRunDirectory = "/run/vrrpd";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>tcplb.json: the guide's frontend and backend, with HTTPS /readyz checks.</summary>
    public static string Tcplb(IReadOnlyList<(string Name, IPAddress Address)> masters, int port)
    {
        var destinations = new JsonObject();
        foreach (var (name, address) in masters)
        {
            destinations[name] = new JsonObject { ["Address"] = string.Create(CultureInfo.InvariantCulture, $"https://{address}:{port}") };
        }

        var root = new JsonObject
        {
            ["Global"] = new JsonObject { ["MaxConn"] = 4000, ["LogLevel"] = "info", ["PidFile"] = TcplbPidFile },
            ["Frontends"] = new JsonObject
            {
                ["kube-apiserver"] = new JsonObject
                {
                    ["Bind"] = new JsonArray(string.Create(CultureInfo.InvariantCulture, $"*:{port}")),
                    ["FreeBind"] = true,
                    ["DefaultBackend"] = "kube-apiserver",
                    ["LogConnections"] = false,
                },
            },
            ["ReverseProxy"] = new JsonObject
            {
                ["Clusters"] = new JsonObject
                {
                    ["kube-apiserver"] = new JsonObject
                    {
                        ["LoadBalancingPolicy"] = "RoundRobin",
                        ["HealthCheck"] = new JsonObject
                        {
                            ["Active"] = new JsonObject
                            {
                                ["Enabled"] = true,
                                ["Interval"] = "2s",
                                ["Timeout"] = "1s",
                                ["Policy"] = "ConsecutiveFailures",
                                ["Path"] = "/readyz",
                            },
                            ["Passive"] = new JsonObject { ["Enabled"] = true },
                        },
                        ["Tcplb"] = new JsonObject
                        {
                            ["Check"] = new JsonObject
                            {
                                ["Type"] = "Https",
                                ["FastInter"] = "200ms",
                                ["DownInter"] = "1s",
                                ["Rise"] = 2,
                                ["Fall"] = 2,
                                ["Method"] = "GET",
                                ["ExpectStatus"] = "200",
                                ["Verify"] = "Required",
                                ["CaFile"] = TcplbCaFile,
                            },
                            ["DefaultServer"] = new JsonObject { ["Weight"] = 100, ["SessionCloseGrace"] = "30s" },
                            ["Retries"] = 3,
                            ["Redispatch"] = true,
                            ["Timeouts"] = new JsonObject { ["Connect"] = "5s", ["Server"] = "50s", ["Tunnel"] = "1h" },
                        },
                        ["Destinations"] = destinations,
                    },
                },
            },
        };
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>Both nodes' VRRP priority: equal, as in the guide, so neither preempts the other.</summary>
    public const int Priority = 100;

    /// <summary>The VRRP version HaKube recommends (docs/vrrpd-config.md).</summary>
    public const int DefaultVersion = 3;

    /// <summary>
    /// vrrpd.json for the node at <paramref name="self"/>, peering with <paramref name="peer"/>; VRRPv3 at advert_int 1 s
    /// unless <paramref name="timers"/> say otherwise; tcplb followed both ways unless <paramref name="tracking"/> picks one
    /// (the benchmark times each alone).
    /// </summary>
    public static string Vrrpd(string routerId, IPAddress self, IPAddress peer, IPAddress vip, int prefixLength, string device, int virtualRouterId,
        VrrpTimers? timers = null, BalancerTracking tracking = BalancerTracking.PidfileAndStream)
    {
        timers ??= VrrpTimers.Default;
        var byPidfile = tracking != BalancerTracking.Stream;
        var byStream = tracking != BalancerTracking.Pidfile;
        var root = new JsonObject
        {
            ["global"] = new JsonObject
            {
                ["routerId"] = routerId,
                ["vrrpVersion"] = timers.VersionFor(DefaultVersion),
                ["runDirectory"] = VrrpdRunDirectory,
                ["metricsListen"] = "127.0.0.1:9650",
            },
            ["trackProcesses"] = byPidfile ? new JsonArray(new JsonObject { ["name"] = "tcplb-pid", ["pidFile"] = TcplbPidFile, ["weight"] = 0 }) : new JsonArray(),
            ["trackTcplb"] = byStream
                ? new JsonArray(new JsonObject
                {
                    ["name"] = "tcplb",
                    ["adminSocket"] = TcplbAdminSocket,
                    ["noHealthyBackendWeight"] = -50,
                    ["faultWhenGone"] = true,
                })
                : new JsonArray(),
            ["instances"] = new JsonArray(new JsonObject
            {
                ["name"] = "apiserver-vip",
                ["initialState"] = "backup",
                ["interface"] = device,
                ["virtualRouterId"] = virtualRouterId,
                ["priority"] = Priority,
                ["advertInt"] = timers.AdvertInt,
                ["unicastSrcIp"] = self.ToString(),
                ["unicastPeers"] = new JsonArray(peer.ToString()),
                ["virtualAddresses"] = new JsonArray(new JsonObject
                {
                    ["address"] = vip.ToString(),
                    ["prefixLength"] = prefixLength,
                    ["device"] = device,
                    ["label"] = device + ":vip",
                }),
                ["trackTcplb"] = byStream ? new JsonArray(new JsonObject { ["name"] = "tcplb" }) : new JsonArray(),
                ["trackProcesses"] = byPidfile ? new JsonArray(new JsonObject { ["name"] = "tcplb-pid" }) : new JsonArray(),
                ["fastTakeoverOnPriorityZero"] = true,
            }),
        };
        return root.ToJsonString(Indented) + "\n";
    }
}
