namespace HaKube.Vrrpd.Protocol;

/// <summary>The VRRPv2 Auth Type field (RFC 2338 5.3.6; RFC 3768 keeps the field but reserves the values).</summary>
internal enum VrrpAuthType : byte
{
    /// <summary>No authentication.</summary>
    None = 0,

    /// <summary>Simple text password, 8 bytes, zero-padded (Keepalived's auth_type PASS).</summary>
    SimplePassword = 1,

    /// <summary>IP Authentication Header: recognised, not supported.</summary>
    IpAuthenticationHeader = 2,
}
