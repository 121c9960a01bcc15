using System.Net;
using System.Net.NetworkInformation;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Daemon;

/// <summary>A host as rtnetlink would describe it: lo and eth0 (index 2) with 198.18.0.1/24.</summary>
internal static class DaemonTestData
{
    public static readonly LinkInfo Eth0 = new(2, "eth0", 0x10043, LinkOperationalState.Up, PhysicalAddress.Parse("02-48-4B-00-00-01"));

    public static readonly LinkInfo Lo = new(1, "lo", 0x10049, LinkOperationalState.Unknown, PhysicalAddress.None);

    public static IReadOnlyList<LinkInfo> Links { get; } = [Lo, Eth0];

    public static IReadOnlyList<InterfaceAddress> Addresses { get; } =
    [
        new(1, IPAddress.Loopback, 8) { Scope = 254 },
        new(2, IPAddress.Parse("198.18.0.1"), 24),
    ];

    public static InterfaceAddress Tagged(string address, int prefix = 24, int index = 2) =>
        new(index, IPAddress.Parse(address), prefix) { Protocol = RtnetlinkClient.VrrpdProtocol };

    public static InterfaceAddress Untagged(string address, int prefix = 24, int index = 2) =>
        new(index, IPAddress.Parse(address), prefix);
}
