using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Protocol;

/// <summary>Packets and settings for receive-check tests: a VRRPv3 IPv4 instance and a VRRPv2 PASS one.</summary>
internal static class TestPackets
{
    public static readonly VrrpAddress Peer = VrrpAddress.Parse("198.18.0.2");
    public static readonly VrrpAddress Self = VrrpAddress.Parse("198.18.0.3");
    public static readonly VrrpAddress Vip = VrrpAddress.Parse("198.18.0.10");

    public static VrrpReceiveSettings V3Settings { get; } = new()
    {
        Version = VrrpVersion.V3,
        AddressFamily = System.Net.Sockets.AddressFamily.InterNetwork,
        VirtualRouterId = 51,
        AdvertisementIntervalCentiseconds = 100,
        VirtualAddresses = [Vip],
        LocalAddresses = [Self],
    };

    public static VrrpReceiveSettings V2Settings { get; } = new()
    {
        Version = VrrpVersion.V2,
        AddressFamily = System.Net.Sockets.AddressFamily.InterNetwork,
        VirtualRouterId = 60,
        AdvertisementIntervalCentiseconds = 100,
        AuthType = VrrpAuthType.SimplePassword,
        AuthenticationData = VrrpReceiveSettings.PadPassword("1111"),
        VirtualAddresses = [Vip],
        LocalAddresses = [Self],
        UnicastPeers = [Peer],
    };

    public static VrrpReceiveMetadata Multicast(VrrpAddress? source = null, byte ttl = 255) => new(source ?? Peer, VrrpConstants.Ipv4MulticastGroup, ttl);

    public static VrrpReceiveMetadata Unicast(VrrpAddress? source = null, byte ttl = 255) => new(source ?? Peer, Self, ttl);

    public static byte[] V3(byte priority = 100, byte vrid = 51, int interval = 100, VrrpAddress[]? addresses = null, VrrpReceiveMetadata? to = null)
    {
        var metadata = to ?? Multicast();
        var buffer = new byte[1100];
        var length = VrrpCodec.Encode(buffer, new VrrpAdvertisement(VrrpVersion.V3, vrid, priority, interval), addresses ?? [Vip], [], VrrpChecksumKind.PseudoHeader, metadata.Source, metadata.Destination);
        return buffer[..length];
    }

    public static byte[] V2(byte priority = 100, byte vrid = 60, int interval = 100, VrrpAuthType auth = VrrpAuthType.SimplePassword, string password = "1111", VrrpAddress[]? addresses = null)
    {
        var buffer = new byte[1100];
        var length = VrrpCodec.Encode(buffer, new VrrpAdvertisement(VrrpVersion.V2, vrid, priority, interval, auth), addresses ?? [Vip], System.Text.Encoding.ASCII.GetBytes(password), VrrpChecksumKind.MessageOnly, Peer, Self);
        return buffer[..length];
    }

    /// <summary>Rewrites the checksum after a test changed a field, so only that field is wrong.</summary>
    public static byte[] Resum(byte[] packet, VrrpChecksumKind kind, in VrrpReceiveMetadata metadata)
    {
        packet[6] = 0;
        packet[7] = 0;
        var sum = VrrpChecksum.Compute(packet, kind, metadata.Source, metadata.Destination);
        packet[6] = (byte)(sum >> 8);
        packet[7] = (byte)sum;
        return packet;
    }
}
