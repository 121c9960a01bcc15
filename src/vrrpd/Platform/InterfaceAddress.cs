using System.Globalization;
using System.Net;

namespace HaKube.Vrrpd.Platform;

/// <summary>An address on an interface, as rtnetlink reports it or as vrrpd asks for it.</summary>
/// <param name="InterfaceIndex">The interface's index.</param>
/// <param name="Address">The local address (IFA_LOCAL for IPv4, IFA_ADDRESS for IPv6).</param>
/// <param name="PrefixLength">The prefix length (32 or 128 for a host address).</param>
internal sealed record InterfaceAddress(int InterfaceIndex, IPAddress Address, int PrefixLength)
{
    /// <summary>IFA_LABEL (IPv4 only); must start with the interface's name, e.g. "eth0:vip".</summary>
    public string? Label { get; init; }

    /// <summary>IFA_PROTO: who added the address (0 unknown, 1-3 the kernel, <see cref="RtnetlinkClient.VrrpdProtocol"/> vrrpd).</summary>
    public byte Protocol { get; init; }

    /// <summary>IFA_F_* flags as reported (secondary, tentative, nodad, ...).</summary>
    public uint Flags { get; init; }

    /// <summary>rt_scope_t: 0 universe (global), 253 link, 254 host.</summary>
    public byte Scope { get; init; }

    /// <summary>True when the address carries vrrpd's IFA_PROTO tag.</summary>
    public bool IsOurs => Protocol == RtnetlinkClient.VrrpdProtocol;

    /// <summary>True while IPv6 duplicate address detection has not finished (the address cannot be a source yet).</summary>
    public bool IsTentative => (Flags & Interop.Rtnl.IfaFTentative) != 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}/{PrefixLength} on ifindex {InterfaceIndex}");
}
