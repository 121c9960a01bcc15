using System.Net;

namespace HaKube.Vrrpd.Configuration;

/// <summary>One virtual address (a virtual_ipaddress line: ADDR[/PREFIX] [brd B] [dev IF] [scope S] [label L]).</summary>
internal sealed record VirtualAddressOptions
{
    /// <summary>The address.</summary>
    public IPAddress Address { get; init; } = IPAddress.None;

    /// <summary>Prefix length; Keepalived's default is the full length (32 or 128).</summary>
    public int PrefixLength { get; init; }

    /// <summary>Interface to add it on (dev); null: the instance's interface.</summary>
    public string? Device { get; init; }

    /// <summary>IPv4 address label (label), such as eth0:vip.</summary>
    public string? Label { get; init; }

    /// <summary>Address scope (scope): global, site, link, host or nowhere; null: global.</summary>
    public string? Scope { get; init; }

    /// <summary>IPv4 broadcast address (brd); null: none.</summary>
    public IPAddress? Broadcast { get; init; }
}
