using System.Collections.Immutable;
using System.Net.Sockets;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

/// <summary>Maps an instance's options, with the global defaults and this host's links and addresses, to <see cref="InstanceSettings"/> (pure).</summary>
internal static class InstanceSettingsFactory
{
    /// <param name="instance">The instance's options.</param>
    /// <param name="global">The global options (defaults for version, garp, checks).</param>
    /// <param name="links">This host's links, for interface indexes.</param>
    /// <param name="hostAddresses">This host's addresses, for the source address and for recognising our own packets.</param>
    /// <exception cref="InstanceSetupException">The interface is missing or has no usable source address.</exception>
    public static InstanceSettings Create(VrrpInstanceOptions instance, GlobalOptions global, IReadOnlyList<LinkInfo> links, IReadOnlyList<InterfaceAddress> hostAddresses)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(hostAddresses);

        var link = FindLink(links, instance.Interface, instance.Name);
        var family = instance.Family;
        var source = instance.UnicastSrcIp
            ?? SourceAddressSelector.Select(hostAddresses.Where(a => a.InterfaceIndex == link.Index), family)
            ?? throw new InstanceSetupException(
                $"instance {instance.Name}: interface {link.Name} has no {(family == AddressFamily.InterNetworkV6 ? "link-local IPv6" : "IPv4")} address to send adverts from (set unicast_src_ip, or give {link.Name} an address)");

        var version = instance.EffectiveVersion(global) == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
        var interval = instance.AdvertisementIntervalCentiseconds;
        var vrid = (byte)instance.VirtualRouterId;
        var sourceAddress = VrrpAddress.FromIPAddress(source);
        var advertised = instance.VirtualAddresses.Select(v => VrrpAddress.FromIPAddress(v.Address)).ToImmutableArray();
        var peers = instance.UnicastPeers.Select(VrrpAddress.FromIPAddress).ToImmutableArray();
        var password = version == VrrpVersion.V2 && !string.IsNullOrEmpty(instance.AuthenticationPassword) ? instance.AuthenticationPassword : null;
        var authType = password is null ? VrrpAuthType.None : VrrpAuthType.SimplePassword;
        var authData = password is null ? ImmutableArray.Create(new byte[VrrpConstants.V2AuthenticationDataLength]) : VrrpReceiveSettings.PadPassword(password);

        var local = hostAddresses
            .Where(a => a.Address.AddressFamily == family && !a.IsOurs)
            .Select(a => VrrpAddress.FromIPAddress(a.Address))
            .Append(sourceAddress)
            .Distinct()
            .ToImmutableArray();

        var machine = new VrrpMachineSettings
        {
            Version = version,
            PrimaryAddress = sourceAddress,
            AdvertisementIntervalCentiseconds = interval,
            Priority = (byte)instance.Priority,
            Preempt = instance.Preempt,
            PreemptDelay = TimeSpan.FromSeconds((double)instance.PreemptDelay),
            UnicastPeerCount = peers.Length,
            FastTakeoverOnPriorityZero = instance.FastTakeoverOnPriorityZero,
        };
        var receive = new VrrpReceiveSettings
        {
            Version = version,
            AddressFamily = family,
            VirtualRouterId = vrid,
            AdvertisementIntervalCentiseconds = interval,
            AuthType = authType,
            AuthenticationData = authData,
            VirtualAddresses = advertised,
            LocalAddresses = local,
            UnicastPeers = peers,
            RequirePeerSource = instance.EffectiveCheckUnicastSource(global),
        };
        var writer = new VrrpAdvertWriter(
            version,
            vrid,
            interval,
            sourceAddress,
            advertised,
            authType,
            password is null ? default : authData,
            instance.V3ChecksumWithoutPseudoHeader ? VrrpChecksumKind.MessageOnly : VrrpChecksumKind.PseudoHeader);

        var addresses = instance.VirtualAddresses.Concat(instance.VirtualAddressesExcluded)
            .Select(v => ToInterfaceAddress(v, v.Device is null ? link : FindLink(links, v.Device, instance.Name)))
            .ToImmutableArray();

        return new InstanceSettings
        {
            Name = instance.Name,
            Options = instance,
            InterfaceName = link.Name,
            InterfaceIndex = link.Index,
            SourceAddress = source,
            Machine = machine,
            Receive = receive,
            Writer = writer,
            Peers = peers,
            VirtualAddresses = addresses,
            Garp = instance.EffectiveGarp(global),
        };
    }

    private static InterfaceAddress ToInterfaceAddress(VirtualAddressOptions vip, LinkInfo link) =>
        new(link.Index, vip.Address, vip.EffectivePrefixLength) { Label = vip.Label };

    private static LinkInfo FindLink(IReadOnlyList<LinkInfo> links, string name, string instance) =>
        links.FirstOrDefault(l => l.Name == name)
        ?? throw new InstanceSetupException($"instance {instance}: interface {name} does not exist on this host (check 'interface' and 'dev')");
}
