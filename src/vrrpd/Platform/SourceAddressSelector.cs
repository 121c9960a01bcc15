using System.Net;
using System.Net.Sockets;

namespace HaKube.Vrrpd.Platform;

/// <summary>Picks the address adverts are sent from when the configuration names none.</summary>
internal static class SourceAddressSelector
{
    /// <summary>
    /// IPv4: the interface's primary (non-secondary) global address that vrrpd did not add. IPv6: its link-local
    /// address (RFC 5798 5.1.2.1: "the IPv6 link-local address of the interface"). Null when it has none yet.
    /// </summary>
    public static IPAddress? Select(IEnumerable<InterfaceAddress> addresses, AddressFamily family)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var candidates = addresses.Where(a => a.Address.AddressFamily == family && !a.IsOurs);
        return family switch
        {
            AddressFamily.InterNetwork => candidates
                .Where(a => a.Scope == Interop.Rtnl.ScopeUniverse)
                .OrderBy(a => (a.Flags & Interop.Rtnl.IfaFSecondary) != 0)
                .Select(a => a.Address)
                .FirstOrDefault(),
            AddressFamily.InterNetworkV6 => candidates
                .Where(a => a.Address.IsIPv6LinkLocal)
                .OrderBy(a => a.IsTentative)
                .Select(a => a.Address)
                .FirstOrDefault(),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "VRRP runs over IPv4 or IPv6"),
        };
    }
}
