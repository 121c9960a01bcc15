using System.Net;
using System.Net.Sockets;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

/// <summary>Opens the vrrpd adapters inside lab hosts.</summary>
internal static class PlatformLab
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public static Task<RtnetlinkClient> RtnetlinkAsync(LabHost host) => InNamespace.RunAsync(host, RtnetlinkClient.Open);

    public static async Task<LinkInfo> Eth0Async(LabHost host)
    {
        using var rtnl = await RtnetlinkAsync(host);
        return await rtnl.GetLinkAsync(host.Interface) ?? throw new InvalidOperationException($"{host.Name} has no {host.Interface}");
    }

    /// <summary>
    /// The source the daemon would pick (primary IPv4, or link-local IPv6 once duplicate address detection
    /// let it go), unless <paramref name="source"/> is given.
    /// </summary>
    public static async Task<VrrpSocket> OpenVrrpSocketAsync(LabHost host, AddressFamily family, bool multicast, IPAddress? source = null)
    {
        using var rtnl = await RtnetlinkAsync(host);
        var link = await rtnl.GetLinkAsync(host.Interface) ?? throw new InvalidOperationException($"{host.Name} has no {host.Interface}");
        if (source is null)
        {
            await Wait.UntilAsync(
                async ct =>
                {
                    var addresses = await rtnl.GetAddressesAsync(link.Index, family, ct);
                    source = SourceAddressSelector.Select(addresses, family);
                    return source is not null && !addresses.Single(a => a.Address.Equals(source)).IsTentative;
                },
                Bound,
                $"a usable {family} source address on {host.Name}");
        }

        var options = new VrrpSocketOptions(host.Interface, link.Index, source!, multicast);
        return await InNamespace.RunAsync(host, () => VrrpSocket.Open(options));
    }
}
