using System.Buffers.Binary;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Tests.Protocol;

/// <summary>
/// A million random and mutated packets (mutations of the Keepalived captures) through decoder,
/// receive checks and state machine: nothing throws, and an independent, deliberately plain oracle
/// agrees that every accepted packet is valid, so an invalid packet never reaches (and never
/// changes) the state machine.
/// </summary>
public sealed class VrrpFuzzTests
{
    private const int Packets = 1_000_000;

    [Fact]
    public void MillionMutatedPackets_NeverThrow_AndOnlyValidOnesReachTheStateMachine()
    {
        var random = new Random(5798);
        var targets = GoldenPacket.All.Select(GoldenPacket.Load).Select(g => new Target(g, VrrpGoldenPacketTests.SettingsFor(g))).ToArray();
        // One strict instance, so the optional peer check is fuzzed too.
        targets[0] = new Target(targets[0].Golden, targets[0].Settings with { RequirePeerSource = true, RequireTtl255ForUnicast = true });
        var buffer = new byte[2048];
        var accepted = 0;
        var reasons = new int[Enum.GetValues<VrrpDropReason>().Length];

        for (var i = 0; i < Packets; i++)
        {
            var target = targets[random.Next(targets.Length)];
            var length = Mutate(random, target.Golden, buffer);
            var metadata = MutateMetadata(random, target.Golden);
            var payload = buffer.AsSpan(0, length);

            var verdict = VrrpReceiveChecks.Check(payload, metadata, target.Settings, out var packet);
            reasons[(int)verdict.DropReason]++;
            Assert.Equal(IsValid(payload, metadata, target.Settings), verdict.Accepted);
            if (!verdict.Accepted)
            {
                continue;
            }

            accepted++;
            target.Receive(VrrpEvent.AdvertReceived(packet.Priority, packet.AdvertisementIntervalCentiseconds, metadata.Source));
            if ((i & 0xFF) == 0)
            {
                target.FireTimers();
            }
        }

        // Every check was reached by some packet, and plenty were accepted.
        Assert.All(Enum.GetValues<VrrpDropReason>(), reason => Assert.True(reasons[(int)reason] > 0, $"{reason} never reached"));
        Assert.True(accepted > Packets / 20, $"only {accepted} accepted");
    }

    private static int Mutate(Random random, GoldenPacket golden, byte[] buffer)
    {
        var length = golden.Payload.Length;
        golden.Payload.CopyTo(buffer, 0);
        var resum = false;
        switch (random.Next(10))
        {
            case 0:
                // Noise of random length.
                length = random.Next(0, 80);
                random.NextBytes(buffer.AsSpan(0, length));
                break;
            case 1:
                // Bit flips.
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 2:
                length = random.Next(0, length);
                break;
            case 3:
                var extra = random.Next(1, 40);
                random.NextBytes(buffer.AsSpan(length, extra));
                length += extra;
                resum = random.Next(2) == 0;
                break;
            case 4:
            case 5:
                // A header field set to anything, checksum fixed so later checks see it.
                buffer[random.Next(VrrpConstants.HeaderLength)] = (byte)random.Next(256);
                resum = true;
                break;
            case 6:
                // Count changed together with the length.
                var count = random.Next(0, 6);
                var addressLength = golden.Source.Length;
                var tail = golden.Payload.Length - VrrpConstants.HeaderLength - (buffer[3] * addressLength);
                buffer[3] = (byte)count;
                random.NextBytes(buffer.AsSpan(VrrpConstants.HeaderLength, count * addressLength));
                length = VrrpConstants.HeaderLength + (count * addressLength) + tail;
                resum = true;
                break;
            case 7:
                // Priority or interval, the fields the state machine reads.
                buffer[random.Next(2) == 0 ? 2 : 5] = (byte)random.Next(256);
                resum = true;
                break;
            default:
                // Unchanged (or only the metadata changes).
                break;
        }

        if (resum && length >= VrrpConstants.HeaderLength)
        {
            buffer[6] = 0;
            buffer[7] = 0;
            var v3 = buffer[0] >> 4 == 3;
            var sum = v3 && random.Next(4) != 0
                ? VrrpChecksum.Compute(buffer.AsSpan(0, length), golden.Source, golden.Destination)
                : VrrpChecksum.Compute(buffer.AsSpan(0, length));
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(6), sum);
        }

        return length;
    }

    private static VrrpReceiveMetadata MutateMetadata(Random random, GoldenPacket golden) => random.Next(16) switch
    {
        0 => golden.Metadata with { TimeToLive = (byte)random.Next(256) },
        1 => golden.Metadata with { Source = golden.Source.IsIPv6 ? VrrpAddress.Parse("fe80::ff:fe00:b") : VrrpAddress.Parse("198.18.0.3") },
        2 => golden.Metadata with { Source = golden.Source.IsIPv6 ? VrrpAddress.FromIPv6(0xFE80000000000000, (ulong)random.NextInt64()) : VrrpAddress.FromIPv4((uint)random.Next()) },
        _ => golden.Metadata,
    };

    /// <summary>The oracle: RFC 5798 7.1 / RFC 3768 7.1 written out plainly, sharing no code with the checks.</summary>
    private static bool IsValid(ReadOnlySpan<byte> p, VrrpReceiveMetadata m, VrrpReceiveSettings s)
    {
        var ipv6 = s.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var addressLength = ipv6 ? 16 : 4;
        if (p.Length < 8 || p[0] >> 4 != (int)s.Version || (p[0] & 0xF) != 1)
        {
            return false;
        }

        var v2 = s.Version == VrrpVersion.V2;
        if (p.Length != 8 + (p[3] * addressLength) + (v2 ? 8 : 0))
        {
            return false;
        }

        if (m.TimeToLive != 255 && (m.Destination.IsMulticast || s.UnicastPeers.IsEmpty || s.RequireTtl255ForUnicast))
        {
            return false;
        }

        var plain = Sum(p, 0);
        var pseudo = Sum(p, PseudoSum(m.Source, m.Destination) + 112 + (uint)p.Length);
        var checksumOk = v2 ? plain : ipv6 ? pseudo : pseudo || plain || Sum(p, PseudoSum(m.Source, VrrpConstants.Ipv4MulticastGroup) + 112 + (uint)p.Length);
        if (!checksumOk || p[1] != s.VirtualRouterId)
        {
            return false;
        }

        if (v2)
        {
            var auth = p[^8..];
            if (p[4] != 1 || !auth.SequenceEqual(s.AuthenticationData.AsSpan()) || p[5] * 100 != s.AdvertisementIntervalCentiseconds)
            {
                return false;
            }
        }
        else if ((((p[4] & 0xF) << 8) | p[5]) == 0)
        {
            return false;
        }

        return !s.LocalAddresses.Contains(m.Source)
            && (!s.RequirePeerSource || s.UnicastPeers.IsEmpty || s.UnicastPeers.Contains(m.Source));
    }

    private static uint PseudoSum(VrrpAddress source, VrrpAddress destination)
    {
        Span<byte> bytes = stackalloc byte[32];
        var n = source.WriteTo(bytes);
        n += destination.WriteTo(bytes[n..]);
        uint sum = 0;
        for (var i = 0; i < n; i += 2)
        {
            sum += (uint)((bytes[i] << 8) | bytes[i + 1]);
        }

        return sum;
    }

    private static bool Sum(ReadOnlySpan<byte> p, uint sum)
    {
        for (var i = 0; i < p.Length; i += 2)
        {
            sum += (uint)((p[i] << 8) | (i + 1 < p.Length ? p[i + 1] : 0));
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum == 0xFFFF;
    }

    /// <summary>One instance per capture, kept in Backup or Master, holding addresses only in Master.</summary>
    private sealed class Target
    {
        private readonly VrrpMachineSettings _machine;
        private VrrpInstanceState _state;
        private bool _holdsAddresses;
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public Target(GoldenPacket golden, VrrpReceiveSettings settings)
        {
            Golden = golden;
            Settings = settings;
            _machine = new VrrpMachineSettings
            {
                Version = settings.Version,
                PrimaryAddress = settings.LocalAddresses.First(a => a.Length == golden.Source.Length),
                AdvertisementIntervalCentiseconds = settings.AdvertisementIntervalCentiseconds,
                UnicastPeerCount = settings.UnicastPeers.Length,
            };
            _state = VrrpInstanceState.Initial(_machine);
            Apply(VrrpEvent.Startup);
        }

        public GoldenPacket Golden { get; }

        public VrrpReceiveSettings Settings { get; }

        public void Receive(in VrrpEvent advert) => Apply(advert);

        public void FireTimers()
        {
            _now += TimeSpan.FromSeconds(1);
            if (_state.MasterDownDeadline is { } down && down <= _now)
            {
                Apply(VrrpEvent.MasterDownTimerFired(down));
            }

            if (_state.AdvertDeadline is { } advert && advert <= _now)
            {
                Apply(VrrpEvent.AdvertTimerFired(advert));
            }
        }

        private void Apply(in VrrpEvent @event)
        {
            var step = VrrpStateMachine.Step(_machine, _state, @event, _now);
            foreach (var action in step.Actions)
            {
                _holdsAddresses = action.Kind switch
                {
                    VrrpActionKind.AddVirtualAddresses => true,
                    VrrpActionKind.RemoveVirtualAddresses => false,
                    _ => _holdsAddresses,
                };
            }

            _state = step.State;
            Assert.Equal(_state.State == VrrpState.Master, _holdsAddresses);
        }
    }
}
