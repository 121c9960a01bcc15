namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// Gratuitous ARP (IPv4) and unsolicited neighbour advertisement (IPv6) timing on becoming master.
/// Defaults are Keepalived's.
/// </summary>
internal sealed record GarpOptions
{
    /// <summary>Seconds after becoming master before the second burst (garp_master_delay); 0: no second burst.</summary>
    public int MasterDelay { get; init; } = 5;

    /// <summary>Messages per burst (garp_master_repeat).</summary>
    public int MasterRepeat { get; init; } = 5;

    /// <summary>Seconds between periodic refresh bursts while master (garp_master_refresh); 0: no refresh.</summary>
    public int MasterRefresh { get; init; }

    /// <summary>Messages per refresh burst (garp_master_refresh_repeat).</summary>
    public int MasterRefreshRepeat { get; init; } = 1;

    /// <summary>Seconds between two gratuitous ARPs on one interface (vrrp_garp_interval); 0: no spacing.</summary>
    public decimal Interval { get; init; }

    /// <summary>Seconds between two unsolicited NAs on one interface (vrrp_gna_interval); 0: no spacing.</summary>
    public decimal GnaInterval { get; init; }
}
