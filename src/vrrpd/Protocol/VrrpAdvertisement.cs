namespace HaKube.Vrrpd.Protocol;

/// <summary>The fixed fields of an advertisement to encode (RFC 5798 5.2, RFC 3768 5.3).</summary>
/// <param name="Version">VRRP version.</param>
/// <param name="VirtualRouterId">VRID, 1-255.</param>
/// <param name="Priority">Sender's priority; 0 to resign.</param>
/// <param name="AdvertisementIntervalCentiseconds">Interval in centiseconds; a whole number of seconds for v2.</param>
/// <param name="AuthType">v2 Auth Type; must be None for v3.</param>
internal readonly record struct VrrpAdvertisement(
    VrrpVersion Version,
    byte VirtualRouterId,
    byte Priority,
    int AdvertisementIntervalCentiseconds,
    VrrpAuthType AuthType = VrrpAuthType.None);
