namespace HaKube.Vrrpd.Platform;

/// <summary>An address appeared (RTM_NEWADDR, also sent when its flags change) or disappeared (RTM_DELADDR).</summary>
/// <param name="Added">True for RTM_NEWADDR, false for RTM_DELADDR.</param>
/// <param name="Address">The address, its interface and prefix.</param>
internal sealed record AddressChange(bool Added, InterfaceAddress Address);
