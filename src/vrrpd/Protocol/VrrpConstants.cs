namespace HaKube.Vrrpd.Protocol;

/// <summary>Wire constants of VRRP (RFC 5798 5, RFC 3768 5).</summary>
internal static class VrrpConstants
{
    /// <summary>IP protocol number of VRRP (RFC 5798 5.2).</summary>
    public const int IpProtocol = 112;

    /// <summary>TTL / hop limit a VRRP packet is sent with and must arrive with (RFC 5798 5.1.1.3, 7.1).</summary>
    public const byte TimeToLive = 255;

    /// <summary>Version/type, VRID, priority, count, auth type / interval, checksum (RFC 5798 5.1).</summary>
    public const int HeaderLength = 8;

    /// <summary>VRRPv2 Authentication Data, always present (RFC 3768 5.3.10).</summary>
    public const int V2AuthenticationDataLength = 8;

    /// <summary>The only VRRP packet type (RFC 5798 5.2.2).</summary>
    public const int TypeAdvertisement = 1;

    /// <summary>12-bit Max Adver Int in centiseconds (RFC 5798 5.2.7).</summary>
    public const int MaxAdvertIntervalCentiseconds = 0x0FFF;

    /// <summary>8-bit Adver Int in seconds (RFC 3768 5.3.7).</summary>
    public const int V2MaxAdvertIntervalSeconds = byte.MaxValue;

    /// <summary>The address owner's priority (RFC 5798 5.2.4).</summary>
    public const byte PriorityOwner = 255;

    /// <summary>Priority a Master sends when it stops participating (RFC 5798 5.2.4).</summary>
    public const byte PriorityStop = 0;

    /// <summary>Default priority of a Backup (RFC 5798 5.2.4).</summary>
    public const byte DefaultPriority = 100;

    /// <summary>One centisecond in <see cref="TimeSpan"/> ticks.</summary>
    public const long TicksPerCentisecond = TimeSpan.TicksPerMillisecond * 10;

    /// <summary>224.0.0.18 (RFC 5798 5.1.1.2).</summary>
    public static readonly VrrpAddress Ipv4MulticastGroup = VrrpAddress.FromIPv4(0xE0000012);

    /// <summary>ff02::12 (RFC 5798 5.1.2.2).</summary>
    public static readonly VrrpAddress Ipv6MulticastGroup = VrrpAddress.FromIPv6(0xFF02000000000000, 0x12);
}
