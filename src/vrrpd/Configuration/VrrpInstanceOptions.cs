using System.Net;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// One VRRP instance (vrrp_instance): a virtual router on one interface. Nullable settings inherit from
/// <see cref="GlobalOptions"/>; the Effective* members resolve them. RFC 5798's names are used (RFC 9568
/// renames Master to Active).
/// </summary>
/// <param name="Name">Instance name, used in logs, status and notify arguments.</param>
/// <param name="InitialState">Start as master candidate or backup (state); a hint, see <see cref="VrrpInitialState"/>.</param>
/// <param name="Interface">Interface adverts are sent and received on (interface).</param>
/// <param name="VirtualRouterId">Virtual Router Identifier, 1..255 (virtual_router_id; RFC 5798 5.2.3).</param>
/// <param name="Priority">Base priority, 1..255; 255 only for the owner of the virtual addresses (RFC 5798 5.2.4).</param>
/// <param name="AdvertInt">Advertisement interval in seconds (advert_int): v2 whole seconds 1..255; v3 0.01..40.95 in centiseconds (RFC 5798 5.2.7).</param>
/// <param name="Version">VRRP version, 2 or 3 (version); null: the global vrrp_version, or 3 for an IPv6 instance.</param>
/// <param name="AuthenticationPassword">VRRPv2 simple password, up to 8 characters (authentication { auth_type PASS; auth_pass }); ignored by v3.</param>
/// <param name="UnicastSrcIp">Source address of adverts (unicast_src_ip); null: the interface's primary address.</param>
/// <param name="UnicastPeers">Peers to send adverts to by unicast (unicast_peer); empty: multicast to 224.0.0.18 / ff02::12.</param>
/// <param name="VirtualAddresses">Addresses carried in adverts and added while master (virtual_ipaddress); all of one family.</param>
/// <param name="VirtualAddressesExcluded">Addresses added while master but not carried in adverts (virtual_ipaddress_excluded); any family.</param>
/// <param name="Preempt">Take over from a lower-priority master (RFC 5798 6.1 Preempt_Mode); false is Keepalived's nopreempt.</param>
/// <param name="PreemptDelay">Seconds to wait after start before preempting a lower-priority master (preempt_delay), 0..1000.</param>
/// <param name="DontTrackPrimary">Do not go to fault when <see cref="Interface"/> goes down (dont_track_primary).</param>
/// <param name="TrackScripts">Track scripts (track_script), by name.</param>
/// <param name="TrackInterfaces">Interfaces whose link state is tracked (track_interface); weight null or 0: fault when down.</param>
/// <param name="TrackProcesses">Process trackers (track_process), by name.</param>
/// <param name="TrackFiles">File trackers (track_file), by name.</param>
/// <param name="TrackTcplb">tcplb trackers, by name (native only); the weight overrides the no-healthy-backend weight.</param>
/// <param name="Notify">Scripts run on this instance's state changes (notify_*).</param>
/// <param name="Garp">Gratuitous ARP settings for this instance (garp_master_*); null: the global ones.</param>
/// <param name="SkipCheckAdvAddr">Skip the address-list comparison of received adverts (skip_check_adv_addr); null: the global default.</param>
/// <param name="CheckUnicastSource">Drop unicast adverts whose source is not a configured peer (check_unicast_src); null: the global default.</param>
/// <param name="V3ChecksumWithoutPseudoHeader">Send VRRPv3 over IPv4 with the checksum computed without the pseudo-header (as some implementations do); both forms are accepted on receive. Native only.</param>
/// <param name="FastTakeoverOnPriorityZero">On a priority-0 advert (the master resigning), take over at once instead of after Skew_Time (RFC 5798 6.4.2). Null: true when there is exactly one unicast peer, since no other backup competes. In keepalived.conf: vrrpd_fast_takeover (a vrrpd extension).</param>
internal sealed record VrrpInstanceOptions(
    string Name = "",
    VrrpInitialState InitialState = VrrpInitialState.Backup,
    string Interface = "",
    int VirtualRouterId = 0,
    int Priority = 100,
    decimal AdvertInt = 1,
    int? Version = null,
    string? AuthenticationPassword = null,
    IPAddress? UnicastSrcIp = null,
    IReadOnlyList<IPAddress>? UnicastPeers = null,
    IReadOnlyList<VirtualAddressOptions>? VirtualAddresses = null,
    IReadOnlyList<VirtualAddressOptions>? VirtualAddressesExcluded = null,
    bool Preempt = true,
    decimal PreemptDelay = 0,
    bool DontTrackPrimary = false,
    IReadOnlyList<TrackReference>? TrackScripts = null,
    IReadOnlyList<TrackReference>? TrackInterfaces = null,
    IReadOnlyList<TrackReference>? TrackProcesses = null,
    IReadOnlyList<TrackReference>? TrackFiles = null,
    IReadOnlyList<TrackReference>? TrackTcplb = null,
    NotifyOptions? Notify = null,
    GarpOptions? Garp = null,
    bool? SkipCheckAdvAddr = null,
    bool? CheckUnicastSource = null,
    bool V3ChecksumWithoutPseudoHeader = false,
    bool? FastTakeoverOnPriorityZero = null)
{
    /// <summary>Peers to send adverts to by unicast (unicast_peer); empty: multicast to 224.0.0.18 / ff02::12.</summary>
    public IReadOnlyList<IPAddress> UnicastPeers { get; init; } = UnicastPeers ?? [];

    /// <summary>Addresses carried in adverts and added while master (virtual_ipaddress); all of one family.</summary>
    public IReadOnlyList<VirtualAddressOptions> VirtualAddresses { get; init; } = VirtualAddresses ?? [];

    /// <summary>Addresses added while master but not carried in adverts (virtual_ipaddress_excluded); any family.</summary>
    public IReadOnlyList<VirtualAddressOptions> VirtualAddressesExcluded { get; init; } = VirtualAddressesExcluded ?? [];

    /// <summary>Track scripts (track_script), by name.</summary>
    public IReadOnlyList<TrackReference> TrackScripts { get; init; } = TrackScripts ?? [];

    /// <summary>Interfaces whose link state is tracked (track_interface); weight null or 0: fault when down.</summary>
    public IReadOnlyList<TrackReference> TrackInterfaces { get; init; } = TrackInterfaces ?? [];

    /// <summary>Process trackers (track_process), by name.</summary>
    public IReadOnlyList<TrackReference> TrackProcesses { get; init; } = TrackProcesses ?? [];

    /// <summary>File trackers (track_file), by name.</summary>
    public IReadOnlyList<TrackReference> TrackFiles { get; init; } = TrackFiles ?? [];

    /// <summary>tcplb trackers, by name (native only); the weight overrides the no-healthy-backend weight.</summary>
    public IReadOnlyList<TrackReference> TrackTcplb { get; init; } = TrackTcplb ?? [];

    /// <summary>Scripts run on this instance's state changes (notify_*).</summary>
    public NotifyOptions Notify { get; init; } = Notify ?? new();

    /// <summary>The instance's address family: that of its virtual addresses, else of its source or peers, else IPv4.</summary>
    [JsonIgnore]
    public AddressFamily Family =>
        VirtualAddresses.Count > 0 ? VirtualAddresses[0].Address.AddressFamily
        : UnicastSrcIp is not null ? UnicastSrcIp.AddressFamily
        : UnicastPeers.Count > 0 ? UnicastPeers[0].AddressFamily
        : AddressFamily.InterNetwork;

    /// <summary>Whether priority-0 adverts trigger an immediate takeover, with the default resolved.</summary>
    [JsonIgnore]
    public bool EffectiveFastTakeoverOnPriorityZero => FastTakeoverOnPriorityZero ?? UnicastPeers.Count == 1;

    /// <summary>Advertisement interval in centiseconds, the unit of the v3 header (RFC 5798 5.2.7).</summary>
    [JsonIgnore]
    public int AdvertisementIntervalCentiseconds => (int)decimal.Round(AdvertInt * 100m, MidpointRounding.AwayFromZero);

    /// <summary>The VRRP version this instance speaks: its own, else 3 for IPv6, else the global default.</summary>
    public int EffectiveVersion(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return Version ?? (Family == AddressFamily.InterNetworkV6 ? 3 : global.VrrpVersion);
    }

    /// <summary>The gratuitous ARP settings in force: the instance's, else the global ones.</summary>
    public GarpOptions EffectiveGarp(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return Garp ?? global.Garp;
    }

    /// <summary>Whether received address lists are compared, with the global default applied.</summary>
    public bool EffectiveSkipCheckAdvAddr(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return SkipCheckAdvAddr ?? global.SkipCheckAdvAddr;
    }

    /// <summary>Whether unicast sources are checked against the peers, with the global default applied.</summary>
    public bool EffectiveCheckUnicastSource(GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return CheckUnicastSource ?? global.CheckUnicastSource;
    }
}
