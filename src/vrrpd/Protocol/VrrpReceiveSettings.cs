using System.Collections.Immutable;
using System.Net.Sockets;
using System.Text;

namespace HaKube.Vrrpd.Protocol;

/// <summary>What the receive checks compare a packet with: one VRRP instance's settings.</summary>
internal sealed record VrrpReceiveSettings
{
    /// <summary>VRRP version of the instance.</summary>
    public required VrrpVersion Version { get; init; }

    /// <summary>InterNetwork or InterNetworkV6.</summary>
    public required AddressFamily AddressFamily { get; init; }

    /// <summary>The instance's VRID.</summary>
    public required byte VirtualRouterId { get; init; }

    /// <summary>Our advertisement interval in centiseconds.</summary>
    public required int AdvertisementIntervalCentiseconds { get; init; }

    /// <summary>v2 authentication; None for v3.</summary>
    public VrrpAuthType AuthType { get; init; } = VrrpAuthType.None;

    /// <summary>v2 password as sent on the wire: exactly 8 bytes, zero-padded (see <see cref="PadPassword"/>).</summary>
    public ImmutableArray<byte> AuthenticationData { get; init; } = ImmutableArray.Create(new byte[VrrpConstants.V2AuthenticationDataLength]);

    /// <summary>The virtual addresses we expect in adverts.</summary>
    public ImmutableArray<VrrpAddress> VirtualAddresses { get; init; } = [];

    /// <summary>This host's addresses: a packet from one of them is our own.</summary>
    public ImmutableArray<VrrpAddress> LocalAddresses { get; init; } = [];

    /// <summary>Configured unicast peers; empty for multicast.</summary>
    public ImmutableArray<VrrpAddress> UnicastPeers { get; init; } = [];

    /// <summary>Demand TTL 255 of unicast-addressed packets too in a unicast instance (it is always demanded on multicast ones).</summary>
    public bool RequireTtl255ForUnicast { get; init; }

    /// <summary>
    /// Whether every packet must arrive with TTL / hop limit 255: always for a multicast instance (no unicast peers,
    /// as Keepalived decides it), and for a unicast one with <see cref="RequireTtl255ForUnicast"/>, since unicast
    /// adverts may be routed.
    /// </summary>
    public bool RequiresTtl255 => UnicastPeers.IsEmpty || RequireTtl255ForUnicast;

    /// <summary>Drop packets whose source is not a configured unicast peer (Keepalived's vrrp_check_unicast_src).</summary>
    public bool RequirePeerSource { get; init; }

    /// <summary>Keepalived's auth_pass: at most 8 bytes of UTF-8, zero-padded; longer passwords are cut, as Keepalived does.</summary>
    public static ImmutableArray<byte> PadPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var bytes = new byte[VrrpConstants.V2AuthenticationDataLength];
        var encoded = Encoding.UTF8.GetBytes(password);
        encoded.AsSpan(0, Math.Min(encoded.Length, bytes.Length)).CopyTo(bytes);
        return ImmutableArray.Create(bytes);
    }
}
