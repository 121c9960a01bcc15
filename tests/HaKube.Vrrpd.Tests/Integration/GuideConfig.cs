using System.Globalization;
using System.Net;
using System.Text;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// The reference guide's keepalived.conf (lb1) with lab addresses, its `killall -0 haproxy` replaced by a pidfile
/// check (killall sees every namespace's processes on one machine), and the knobs the tests turn.
/// </summary>
internal sealed record GuideConfig
{
    public required IPAddress Self { get; init; }

    public required IPAddress Peer { get; init; }

    public required string Vip { get; init; }

    /// <summary>The track script's command line, or null for no track script.</summary>
    public string? TrackScript { get; init; }

    public int Priority { get; init; } = 100;

    public string State { get; init; } = "BACKUP";

    public string AdvertInt { get; init; } = "1";

    public int Version { get; init; } = 2;

    public bool NoPreempt { get; init; }

    public bool Multicast { get; init; }

    public string Interface { get; init; } = "eth0";

    /// <summary>Top-level blocks added after global_defs (vrrp_track_process, ...).</summary>
    public string ExtraBlocks { get; init; } = "";

    /// <summary>Lines added inside the instance (track_process, notify_master, ...).</summary>
    public string ExtraInstanceLines { get; init; } = "";

    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append("""
            global_defs {
              notification_email {
              }
              router_id LVS_DEVEL
              vrrp_skip_check_adv_addr
              vrrp_garp_interval 0
              vrrp_gna_interval 0

            """);
        text.Append(c, $"  vrrp_version {Version}\n").Append("}\n\n");
        if (TrackScript is not null)
        {
            text.Append(c, $$"""
                vrrp_script chk_haproxy {
                  script "{{TrackScript}}"
                  interval 2
                  weight 2
                }


                """);
        }

        text.Append(ExtraBlocks);
        text.Append(c, $$"""
            vrrp_instance haproxy-vip {
              state {{State}}
              priority {{Priority}}
              interface {{Interface}}
              virtual_router_id 60
              advert_int {{AdvertInt}}

            """);
        if (Version == 2)
        {
            text.Append("""
                  authentication {
                    auth_type PASS
                    auth_pass 1111
                  }

                """);
        }

        if (NoPreempt)
        {
            text.Append("  nopreempt\n");
        }

        if (!Multicast)
        {
            text.Append(c, $"  unicast_src_ip {Self}\n  unicast_peer {{\n    {Peer}\n  }}\n");
        }

        text.Append(c, $"  virtual_ipaddress {{\n    {Vip}\n  }}\n");
        if (TrackScript is not null)
        {
            text.Append("  track_script {\n    chk_haproxy\n  }\n");
        }

        text.Append(ExtraInstanceLines);
        text.Append("}\n");
        return text.ToString();
    }
}
