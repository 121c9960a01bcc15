using System.Collections.Immutable;
using System.Net;
using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// One instance's part of the <see cref="ResignRecord"/>: the priority-0 adverts it sends when it stops being master
/// (RFC 5798 6.4.3), encoded in advance, with the interface and source address its socket uses, so that `vrrpd
/// --release` can send them for a daemon that was killed.
/// </summary>
/// <param name="Instance">vrrp_instance NAME.</param>
/// <param name="InterfaceIndex">The interface the adverts leave by.</param>
/// <param name="InterfaceName">Its name (the socket binds to it; checked against the index before sending).</param>
/// <param name="Source">The advert's source address, which the checksum covers.</param>
/// <param name="Adverts">One per destination: the multicast group, or every unicast peer.</param>
internal sealed record ResignEntry(string Instance, int InterfaceIndex, string InterfaceName, IPAddress Source, ImmutableArray<ResignAdvert> Adverts)
{
    /// <summary>The adverts the instance sends on resigning, encoded by its own writer for its own destinations.</summary>
    public static ResignEntry For(InstanceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var writer = settings.Writer;
        ImmutableArray<VrrpAddress> destinations = settings.Peers.IsEmpty
            ? [writer.Source.IsIPv6 ? VrrpConstants.Ipv6MulticastGroup : VrrpConstants.Ipv4MulticastGroup]
            : settings.Peers;
        var buffer = new byte[writer.Length];
        var adverts = ImmutableArray.CreateBuilder<ResignAdvert>(destinations.Length);
        foreach (var destination in destinations)
        {
            // The v3 checksum covers the destination: one encoding per destination, as the daemon sends them.
            var length = writer.Write(buffer, VrrpConstants.PriorityStop, destination);
            adverts.Add(new ResignAdvert(destination.ToIPAddress(), ImmutableArray.Create(buffer, 0, length)));
        }

        return new ResignEntry(settings.Name, settings.InterfaceIndex, settings.InterfaceName, settings.SourceAddress, adverts.MoveToImmutable());
    }

    /// <summary>
    /// What is wrong with the adverts, empty when nothing: each must be a VRRP advertisement of the source's family
    /// with priority 0 and a checksum that is right for this source and its destination.
    /// </summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (Adverts.IsDefaultOrEmpty)
        {
            problems.Add($"instance {Instance}: no advert");
            return problems;
        }

        var source = VrrpAddress.FromIPAddress(Source);
        foreach (var advert in Adverts)
        {
            var what = $"instance {Instance}, advert to {advert.Destination}";
            if (advert.Destination.AddressFamily != Source.AddressFamily)
            {
                problems.Add($"{what}: not of the source {Source}'s address family");
                continue;
            }

            var payload = advert.Packet.AsSpan();
            var reason = VrrpCodec.TryDecode(payload, Source.AddressFamily, out var packet);
            if (reason != VrrpDropReason.None)
            {
                problems.Add($"{what}: not a VRRP advertisement ({reason})");
                continue;
            }

            if (packet.Priority != VrrpConstants.PriorityStop)
            {
                problems.Add($"{what}: priority {packet.Priority}, not 0");
            }

            if (!ChecksumHolds(packet, source, VrrpAddress.FromIPAddress(advert.Destination)))
            {
                problems.Add($"{what}: checksum wrong for source {Source}");
            }
        }

        return problems;
    }

    public bool Equals(ResignEntry? other) =>
        other is not null && Instance == other.Instance && InterfaceIndex == other.InterfaceIndex && InterfaceName == other.InterfaceName
        && Source.Equals(other.Source) && Adverts.SequenceEqual(other.Adverts);

    public override int GetHashCode() => HashCode.Combine(Instance, InterfaceIndex, Source);

    /* RFC 3768 5.3.8: v2 sums the message alone; RFC 5798 5.2.8: v3 adds the pseudo-header (over IPv4 some peers, and
       v3_checksum_without_pseudo_header, leave it out) */
    private static bool ChecksumHolds(VrrpPacket packet, VrrpAddress source, VrrpAddress destination) => packet.Version switch
    {
        VrrpVersion.V2 => VrrpChecksum.Compute(packet.Payload) == 0,
        _ when packet.IsIPv6 => VrrpChecksum.Compute(packet.Payload, source, destination) == 0,
        _ => VrrpChecksum.Compute(packet.Payload, source, destination) == 0 || VrrpChecksum.Compute(packet.Payload) == 0,
    };
}
