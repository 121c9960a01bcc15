using System.Net;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace HaKube.Vrrpd.Configuration;

/// <summary>One virtual address (a virtual_ipaddress line: ADDR[/PREFIX] [brd B] [dev IF] [scope S] [label L]).</summary>
/// <param name="Address">The address.</param>
/// <param name="PrefixLength">Prefix length; null: the full length (32 or 128), as Keepalived.</param>
/// <param name="Device">Interface to add it on (dev); null: the instance's interface.</param>
/// <param name="Label">IPv4 address label (label), such as eth0:vip.</param>
/// <param name="Scope">Address scope (scope): global, site, link, host or nowhere; null: global.</param>
/// <param name="Broadcast">IPv4 broadcast address (brd); null: none.</param>
internal sealed record VirtualAddressOptions(
    IPAddress? Address = null,
    int? PrefixLength = null,
    string? Device = null,
    string? Label = null,
    string? Scope = null,
    IPAddress? Broadcast = null)
{
    /// <summary>The address.</summary>
    public IPAddress Address { get; init; } = Address ?? IPAddress.None;

    /// <summary>The prefix length in force: the given one, else the address's full length.</summary>
    [JsonIgnore]
    public int EffectivePrefixLength => PrefixLength ?? (Address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
}
