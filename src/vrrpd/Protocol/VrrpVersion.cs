namespace HaKube.Vrrpd.Protocol;

/// <summary>The VRRP version in the high nibble of the first byte.</summary>
internal enum VrrpVersion : byte
{
    /// <summary>VRRPv2, RFC 3768 (IPv4 only; authentication as RFC 2338 defined it).</summary>
    V2 = 2,

    /// <summary>VRRPv3, RFC 5798 (IPv4 and IPv6, no authentication).</summary>
    V3 = 3,
}
