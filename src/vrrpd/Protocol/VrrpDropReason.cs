namespace HaKube.Vrrpd.Protocol;

/// <summary>
/// Why a received packet was not handed to the state machine. The values follow the order in
/// which <see cref="VrrpReceiveChecks"/> applies the checks; the first failing check wins.
/// </summary>
internal enum VrrpDropReason : byte
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>Shorter than the 8-byte header (RFC 5798 7.1).</summary>
    TooShort,

    /// <summary>Not the instance's version, or VRRPv2 over IPv6 (RFC 5798 7.1, RFC 3768 7.1).</summary>
    VersionMismatch,

    /// <summary>Type is not Advertisement (RFC 5798 5.2.2).</summary>
    UnknownType,

    /// <summary>Length differs from header + Count addresses (+ 8 bytes of v2 authentication data) (RFC 5798 7.1).</summary>
    LengthMismatch,

    /// <summary>TTL / hop limit not 255 (RFC 5798 7.1).</summary>
    TtlNot255,

    /// <summary>Checksum wrong under every accepted kind (RFC 5798 7.1).</summary>
    BadChecksum,

    /// <summary>Another virtual router's VRID: counted, not an error (RFC 5798 7.1).</summary>
    OtherVirtualRouter,

    /// <summary>v2 Auth Type differs from ours (RFC 2338 7.1).</summary>
    AuthTypeMismatch,

    /// <summary>v2 Auth Type 2, IP Authentication Header: not supported (RFC 2338 5.3.6.3).</summary>
    AuthUnsupported,

    /// <summary>v2 simple password wrong (RFC 2338 7.1).</summary>
    AuthFailure,

    /// <summary>v2 Adver Int differs from ours (RFC 3768 7.1).</summary>
    AdvertIntervalMismatch,

    /// <summary>v3 Max Adver Int is zero: nothing a Backup could adopt (RFC 5798 5.2.7).</summary>
    AdvertIntervalZero,

    /// <summary>Sent by this host (multicast loopback, or a unicast peer list that includes us).</summary>
    OwnPacket,

    /// <summary>Source is not a configured unicast peer (optional check, Keepalived's vrrp_check_unicast_src).</summary>
    NotAPeer,
}
