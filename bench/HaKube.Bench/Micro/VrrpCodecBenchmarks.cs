using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Bench;

/// <summary>VRRP receive and send paths: decode, receive checks, encode, checksum, one state-machine step. Zero bytes allocated expected.</summary>
[MemoryDiagnoser]
public class VrrpCodecBenchmarks
{
    private static readonly VrrpAddress Source = VrrpAddress.Parse("198.18.0.2");
    private static readonly VrrpAddress Self = VrrpAddress.Parse("198.18.0.3");
    private static readonly VrrpAddress[] Vips = [VrrpAddress.Parse("198.18.0.11"), VrrpAddress.Parse("198.18.0.12")];
    private static readonly VrrpAdvertisement Advert = new(VrrpVersion.V3, 51, 150, 100);

    private readonly byte[] _buffer = new byte[64];
    private byte[] _packet = [];
    private VrrpReceiveMetadata _metadata;
    private VrrpReceiveSettings _settings = null!;
    private VrrpMachineSettings _machine = null!;
    private VrrpInstanceState _backup;
    private VrrpEvent _advert;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var length = VrrpCodec.Encode(_buffer, Advert, Vips, [], VrrpChecksumKind.PseudoHeader, Source, VrrpConstants.Ipv4MulticastGroup);
        _packet = _buffer[..length];
        _metadata = new VrrpReceiveMetadata(Source, VrrpConstants.Ipv4MulticastGroup, 255);
        _settings = new VrrpReceiveSettings
        {
            Version = VrrpVersion.V3,
            AddressFamily = AddressFamily.InterNetwork,
            VirtualRouterId = 51,
            AdvertisementIntervalCentiseconds = 100,
            VirtualAddresses = [.. Vips],
            LocalAddresses = [Self],
        };
        _machine = new VrrpMachineSettings { Version = VrrpVersion.V3, PrimaryAddress = Self };
        _now = DateTimeOffset.UnixEpoch;
        _backup = VrrpStateMachine.Step(_machine, VrrpInstanceState.Initial(_machine), VrrpEvent.Startup, _now).State;
        _advert = VrrpEvent.AdvertReceived(150, 100, Source);
    }

    /// <summary>The codec alone: a view over the datagram's header and address count (fields are read in place, so this is a bounds check and two reads); the receive path as a whole is <see cref="DecodeAndCheck"/>.</summary>
    [Benchmark]
    public int Decode()
    {
        VrrpCodec.TryDecode(_packet, AddressFamily.InterNetwork, out var packet);
        return packet.Priority + packet.AddressCount;
    }

    /// <summary>What every received advert costs: decode plus the receive checks in their fixed order, checksum included.</summary>
    [Benchmark]
    public int DecodeAndCheck() => (int)VrrpReceiveChecks.Check(_packet, _metadata, _settings, out _).DropReason;

    [Benchmark]
    public int Encode() => VrrpCodec.Encode(_buffer, Advert, Vips, [], VrrpChecksumKind.PseudoHeader, Source, VrrpConstants.Ipv4MulticastGroup);

    [Benchmark]
    public ushort ChecksumWithPseudoHeader() => VrrpChecksum.Compute(_packet, Source, VrrpConstants.Ipv4MulticastGroup);

    [Benchmark]
    public int StateMachineStep_BackupHearsMaster() => VrrpStateMachine.Step(_machine, _backup, _advert, _now).Actions.Count;
}
