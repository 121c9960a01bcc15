using System.Net;
using System.Net.NetworkInformation;
using HaKube.Bench.DataPlane;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace HaKube.Bench.Tests;

public sealed class HopCaptureTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"hakube-hop-{Environment.ProcessId}-{Guid.NewGuid():N}.pcap");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Read_TakesAddressesPortsLengthAndTimeFromTheFrames()
    {
        // As tcpdump -s 128 keeps them: a 1,000-byte payload cut to what fits in the snap length.
        var payload = HopMatcherTests.Bytes(1).Concat(new byte[952]).ToArray();
        var answer = HopMatcherTests.Bytes(2).Concat(new byte[152]).ToArray();
        using (var writer = new CaptureFileWriterDevice(_path))
        {
            writer.Open(new DeviceConfiguration { LinkLayerType = LinkLayers.Ethernet });
            Write(writer, 1_700_000_000, 100, HopMatcherTests.Client, 40000, HopMatcherTests.Balancer, HopMatcherTests.Port, payload);
            Write(writer, 1_700_000_000, 117, HopMatcherTests.Balancer, 50000, HopMatcherTests.Backend, HopMatcherTests.Port, payload);
            Write(writer, 1_700_000_000, 300, HopMatcherTests.Backend, HopMatcherTests.Port, HopMatcherTests.Balancer, 50000, answer);
            Write(writer, 1_700_000_000, 309, HopMatcherTests.Balancer, HopMatcherTests.Port, HopMatcherTests.Client, 40000, answer);
            // An ARP frame and a bare ACK: skipped.
            writer.Write(new RawCapture(LinkLayers.Ethernet, new PosixTimeval(1_700_000_000, 400), new byte[60]));
            Write(writer, 1_700_000_000, 500, HopMatcherTests.Client, 40000, HopMatcherTests.Balancer, HopMatcherTests.Port, []);
        }

        var matcher = new HopMatcher(HopMatcherTests.Balancer, HopMatcherTests.Client, HopMatcherTests.Port);
        HopCapture.Read(_path, matcher);

        Assert.Equal([26.0], Assert.Single(matcher.Exchanges(minimum: 1)));
        Assert.Equal(0, matcher.UnforwardedRequests);
    }

    private static void Write(CaptureFileWriterDevice writer, ulong seconds, ulong microseconds, IPAddress source, int sourcePort, IPAddress destination, int destinationPort, byte[] payload)
    {
        var tcp = new TcpPacket((ushort)sourcePort, (ushort)destinationPort) { PayloadData = payload, Push = payload.Length > 0, Acknowledgment = true };
        var ip = new IPv4Packet(source, destination) { PayloadPacket = tcp, TimeToLive = 64 };
        ip.UpdateCalculatedValues();
        var frame = new EthernetPacket(PhysicalAddress.Parse("02-00-00-00-00-01"), PhysicalAddress.Parse("02-00-00-00-00-02"), EthernetType.IPv4) { PayloadPacket = ip };
        var bytes = frame.Bytes.AsSpan(0, Math.Min(frame.Bytes.Length, 128)).ToArray();
        writer.Write(new RawCapture(LinkLayers.Ethernet, new PosixTimeval(seconds, microseconds), bytes));
    }
}
