using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace HaKube.Installer.Lab;

/// <summary>
/// The reference guide's haproxy.cfg and keepalived.conf (../shared/seed/ha-k8s-keepalived-haproxy-kubekey.md),
/// verbatim, and the few changes the lab makes to them: lab addresses for the guide's 172.16.0.x, and a track
/// script that checks this node's own haproxy by PID (`killall -0 haproxy` sees every namespace on one machine).
/// </summary>
internal static partial class GuideFiles
{
    /// <summary>The guide's haproxy.cfg, as printed there (the same on lb1 and lb2).</summary>
    public const string HaproxyCfg = """
        global
            log /dev/log  local0 warning
            chroot      /var/lib/haproxy
            pidfile     /var/run/haproxy.pid
            maxconn     4000
            user        haproxy
            group       haproxy
            daemon

           stats socket /var/lib/haproxy/stats

        defaults
          log global
          option  httplog
          option  dontlognull
                timeout connect 5000
                timeout client 50000
                timeout server 50000

        frontend kube-apiserver
          bind *:6443
          mode tcp
          option tcplog
          default_backend kube-apiserver

        backend kube-apiserver
            mode tcp
            option tcplog
            option tcp-check
            balance roundrobin
            default-server inter 10s downinter 5s rise 2 fall 2 slowstart 60s maxconn 250 maxqueue 256 weight 100
            server kube-apiserver-1 172.16.0.4:6443 check # Replace the IP address with your own.
            server kube-apiserver-2 172.16.0.5:6443 check # Replace the IP address with your own.
            server kube-apiserver-3 172.16.0.6:6443 check # Replace the IP address with your own.

        """;

    /// <summary>The guide's keepalived.conf for lb1, as printed there.</summary>
    public const string KeepalivedConf = """
        global_defs {
          notification_email {
          }
          router_id LVS_DEVEL
          vrrp_skip_check_adv_addr
          vrrp_garp_interval 0
          vrrp_gna_interval 0
        }

        vrrp_script chk_haproxy {
          script "killall -0 haproxy"
          interval 2
          weight 2
        }

        vrrp_instance haproxy-vip {
          state BACKUP
          priority 100
          interface eth0                       # Network card
          virtual_router_id 60
          advert_int 1
          authentication {
            auth_type PASS
            auth_pass 1111
          }
          unicast_src_ip 172.16.0.2      # The IP address of this machine
          unicast_peer {
            172.16.0.3                         # The IP address of peer machines
          }

          virtual_ipaddress {
            172.16.0.10/24                  # The VIP address
          }

          track_script {
            chk_haproxy
          }
        }

        """;

    /// <summary>Where the guide's haproxy.cfg puts its pid file; the lab writes haproxy's PID there (haproxy -db writes none).</summary>
    public const string HaproxyPidFile = "/var/run/haproxy.pid";

    /// <summary>The guide's haproxy.cfg with the masters' lab addresses.</summary>
    public static string Haproxy(IReadOnlyList<IPAddress> masters)
    {
        var text = HaproxyCfg;
        for (var i = 0; i < 3; i++)
        {
            text = ReplaceOnce(text, string.Create(CultureInfo.InvariantCulture, $"kube-apiserver-{i + 1} 172.16.0.{4 + i}:6443"),
                string.Create(CultureInfo.InvariantCulture, $"kube-apiserver-{i + 1} {masters[i]}:6443"));
        }

        return text;
    }

    /// <summary>The guide's track script made node-local: this node's haproxy by the PID in its private /run.</summary>
    public const string TrackCommand = $"/bin/sh -c 'kill -0 $(cat {HaproxyPidFile})'";

    /// <summary>
    /// The guide's keepalived.conf for one node: its own address as unicast_src_ip, the other's as the peer, the
    /// lab VIP, and `killall -0 haproxy` replaced by a check of this node's haproxy PID (<see cref="TrackCommand"/>).
    /// With <paramref name="timers"/> other than the guide's advert_int 1, that line changes too, and `vrrp_version 3`
    /// joins global_defs when the interval needs it (Keepalived's default is VRRPv2, as the guide runs it).
    /// </summary>
    public static string Keepalived(IPAddress self, IPAddress peer, IPAddress vip, int prefixLength, VrrpTimers? timers = null)
    {
        timers ??= VrrpTimers.Default;
        var text = ReplaceOnce(KeepalivedConf, "script \"killall -0 haproxy\"", $"script \"{TrackCommand}\"");
        text = ReplaceOnce(text, "unicast_src_ip 172.16.0.2 ", $"unicast_src_ip {self} ");
        text = PeerLine().Replace(text, m => m.Groups[1].Value + peer + m.Groups[2].Value, 1);
        text = ReplaceOnce(text, "172.16.0.10/24 ", string.Create(CultureInfo.InvariantCulture, $"{vip}/{prefixLength} "));
        if (timers.AdvertInt != 1m)
        {
            text = ReplaceOnce(text, "advert_int 1\n", $"advert_int {timers.AdvertIntText}\n");
        }

        if (timers.VersionFor(KeepalivedDefaultVersion) == 3)
        {
            text = ReplaceOnce(text, "router_id LVS_DEVEL\n", "router_id LVS_DEVEL\n  vrrp_version 3\n");
        }

        return text;
    }

    /// <summary>The VRRP version the guide's file runs: Keepalived's default, as it sets none.</summary>
    public const int KeepalivedDefaultVersion = 2;

    private static string ReplaceOnce(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(what, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"the guide's file should hold '{what}' exactly once");
        }

        return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    [GeneratedRegex(@"(unicast_peer \{\s*\n\s*)172\.16\.0\.3( )")]
    private static partial Regex PeerLine();
}
