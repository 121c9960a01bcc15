namespace HaKube.Vrrpd.Protocol;

/// <summary>What a VRRP checksum covers (RFC 5798 5.2.8, RFC 3768 5.3.8).</summary>
internal enum VrrpChecksumKind : byte
{
    /// <summary>The VRRP message only: VRRPv2, and VRRPv3 over IPv4 from implementations that omit the pseudo-header.</summary>
    MessageOnly = 0,

    /// <summary>The message plus the IPv4/IPv6 pseudo-header (RFC 5798; what Keepalived and FRR send).</summary>
    PseudoHeader = 1,

    /// <summary>Pseudo-header with 224.0.0.18 as destination on a unicast packet (Keepalived before 2.0's unicast checksum; accepted on receive only for compatibility).</summary>
    PseudoHeaderMulticastGroup = 2,
}
