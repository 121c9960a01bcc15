using System.Collections.Immutable;
using System.Net;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// One instance's configuration resolved against this host (interface index, source address): everything the
/// instance's loop needs, built once by <see cref="InstanceSettingsFactory"/> and never changed.
/// </summary>
internal sealed record InstanceSettings
{
    /// <summary>The instance's name (vrrp_instance NAME).</summary>
    public required string Name { get; init; }

    /// <summary>The options it was built from; compared on reload through <see cref="InstanceFingerprint"/>.</summary>
    public required VrrpInstanceOptions Options { get; init; }

    /// <summary>The interface adverts use.</summary>
    public required string InterfaceName { get; init; }

    /// <summary>Its index.</summary>
    public required int InterfaceIndex { get; init; }

    /// <summary>Where adverts come from (unicast_src_ip, or the interface's primary / link-local address).</summary>
    public required IPAddress SourceAddress { get; init; }

    /// <summary>What the state machine reads.</summary>
    public required VrrpMachineSettings Machine { get; init; }

    /// <summary>What the receive checks compare packets with.</summary>
    public required VrrpReceiveSettings Receive { get; init; }

    /// <summary>Writes this instance's adverts.</summary>
    public required VrrpAdvertWriter Writer { get; init; }

    /// <summary>Unicast peers; empty for multicast.</summary>
    public required ImmutableArray<VrrpAddress> Peers { get; init; }

    /// <summary>Every address held while master: virtual_ipaddress then virtual_ipaddress_excluded, resolved to interfaces.</summary>
    public required ImmutableArray<InterfaceAddress> VirtualAddresses { get; init; }

    /// <summary>Gratuitous ARP / unsolicited NA timing.</summary>
    public required GarpOptions Garp { get; init; }

    /// <summary>Go to fault when the interface loses its carrier (false with dont_track_primary).</summary>
    public bool TrackInterface => !Options.DontTrackPrimary;

    /// <summary>True for the state MASTER hint: take over at start instead of waiting Master_Down_Interval.</summary>
    public bool StartAsMaster => Options.InitialState == VrrpInitialState.Master;
}
