namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// Gratuitous ARP (IPv4) and unsolicited neighbour advertisement (IPv6) timing on becoming master.
/// Defaults are Keepalived's.
/// </summary>
/// <param name="MasterDelay">Seconds after becoming master before the second burst (garp_master_delay); 0: no second burst.</param>
/// <param name="MasterRepeat">Messages per burst (garp_master_repeat).</param>
/// <param name="MasterRefresh">Seconds between periodic refresh bursts while master (garp_master_refresh); 0: no refresh.</param>
/// <param name="MasterRefreshRepeat">Messages per refresh burst (garp_master_refresh_repeat).</param>
/// <param name="Interval">Seconds between two gratuitous ARPs on one interface (vrrp_garp_interval); 0: no spacing.</param>
/// <param name="GnaInterval">Seconds between two unsolicited NAs on one interface (vrrp_gna_interval); 0: no spacing.</param>
internal sealed record GarpOptions(
    int MasterDelay = 5,
    int MasterRepeat = 5,
    int MasterRefresh = 0,
    int MasterRefreshRepeat = 1,
    decimal Interval = 0,
    decimal GnaInterval = 0)
{

}
