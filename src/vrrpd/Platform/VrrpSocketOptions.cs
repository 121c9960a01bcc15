using System.Net;
using System.Net.Sockets;

namespace HaKube.Vrrpd.Platform;

/// <summary>What one VRRP instance's raw socket needs, resolved: where it listens and what it sends from.</summary>
/// <param name="InterfaceName">The interface the instance runs on (SO_BINDTODEVICE).</param>
/// <param name="InterfaceIndex">Its index (<see cref="RtnetlinkClient.GetLinkAsync(string, CancellationToken)"/>).</param>
/// <param name="SourceAddress">
/// unicast_src_ip, or what <see cref="SourceAddressSelector"/> picked: the interface's primary IPv4 address,
/// or its link-local IPv6 address (RFC 5798 5.1.2.1). Also an input to the VRRPv3 checksum.
/// </param>
/// <param name="JoinMulticastGroup">Join 224.0.0.18 / ff02::12 (off for unicast-only instances).</param>
internal sealed record VrrpSocketOptions(
    string InterfaceName,
    int InterfaceIndex,
    IPAddress SourceAddress,
    bool JoinMulticastGroup = true)
{
    /// <summary>The source address's family decides the socket's.</summary>
    public AddressFamily Family => SourceAddress.AddressFamily;
}
