using System.Globalization;
using HaKube.Installer.Lab;

namespace HaKube.Bench.Fixtures;

/// <summary>
/// HaKube's native files for the lab (docs/tcplb-config.md, docs/vrrpd-config.md), with the guide's servers and
/// timers at lab addresses. Where the native format differs from the guide's haproxy.cfg, the comment says so.
/// </summary>
internal static class NativeConfigs
{
    /// <summary>
    /// tcplb's native file for the guide's three masters. Differences from the guide's haproxy.cfg that matter here:
    /// an HTTPS GET /readyz check instead of a TCP connect; a 1 h tunnel timeout instead of 50 s idle; retries with
    /// redispatch. <paramref name="maxConn"/> set means "admit that many": no per-server maxconn or queue.
    /// </summary>
    public static string Tcplb(int? maxConn = null, string runDirectory = "/run/tcplb")
    {
        var global = maxConn ?? 4000;
        var perServer = maxConn is null ? "\"MaxConn\": 250, \"MaxQueue\": 256," : "";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "Global": { "MaxConn": {{global}}, "LogLevel": "warning", "PidFile": "{{runDirectory}}/tcplb.pid" },
              "Frontends": {
                "kube-apiserver": {
                  "Bind": [ "*:6443" ],
                  "FreeBind": true,
                  "DefaultBackend": "kube-apiserver",
                  "LogConnections": false
                }
              },
              "ReverseProxy": {
                "Clusters": {
                  "kube-apiserver": {
                    "LoadBalancingPolicy": "RoundRobin",
                    "HealthCheck": {
                      "Active": { "Enabled": true, "Interval": "10s", "Timeout": "5s", "Policy": "ConsecutiveFailures", "Path": "/readyz" },
                      "Passive": { "Enabled": true }
                    },
                    "Tcplb": {
                      "Check": { "Type": "Https", "DownInter": "5s", "Rise": 2, "Fall": 2, "Verify": "None" },
                      "DefaultServer": { "Weight": 100, {{perServer}} "SlowStart": "60s" },
                      "Retries": 3,
                      "Redispatch": true
                    },
                    "Destinations": {
                      "kube-apiserver-1": { "Address": "198.18.0.4:6443" },
                      "kube-apiserver-2": { "Address": "198.18.0.5:6443" },
                      "kube-apiserver-3": { "Address": "198.18.0.6:6443" }
                    }
                  }
                }
              }
            }
            """);
    }

    /// <summary>
    /// vrrpd's native file equivalent to the guide's keepalived.conf for one load-balancer node (advert_int 1 s,
    /// VRRPv2 with its PASS password), running the guide's track script as `hakube lab` makes it node-local
    /// (<see cref="GuideFiles.TrackCommand"/>: this node's haproxy by its PID). The failover part runs HaKube's
    /// recommended files instead (src/installer/Lab/HaKubeFiles.cs).
    /// </summary>
    public static string Vrrpd(string self, string peer)
        => string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "global": { "routerId": "LVS_DEVEL", "skipCheckAdvAddr": true, "vrrpVersion": 2, "metricsListen": null },
              "trackScripts": [ { "name": "chk_haproxy", "command": ["/bin/sh", "-c", "kill -0 $(cat {{GuideFiles.HaproxyPidFile}})"], "interval": 2, "weight": 2 } ],
              "instances": [
                {
                  "name": "haproxy-vip",
                  "initialState": "backup",
                  "priority": 100,
                  "interface": "eth0",
                  "virtualRouterId": 60,
                  "advertInt": 1,
                  "authenticationPassword": "1111",
                  "unicastSrcIp": "{{self}}",
                  "unicastPeers": ["{{peer}}"],
                  "virtualAddresses": [ { "address": "198.18.0.10", "prefixLength": 24 } ],
                  "trackScripts": [ { "name": "chk_haproxy" } ]
                }
              ]
            }
            """);
}
