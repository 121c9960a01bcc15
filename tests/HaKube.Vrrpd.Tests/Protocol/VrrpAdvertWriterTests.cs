using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Protocol;

public sealed class VrrpAdvertWriterTests
{
    [Fact]
    public void Write_ReproducesKeepalivedsV2PassAdverts()
    {
        var golden = GoldenPacket.Load(GoldenPacket.V2PassUnicast);
        var shutdown = GoldenPacket.Load(GoldenPacket.V2PassUnicastShutdown);
        var writer = new VrrpAdvertWriter(VrrpVersion.V2, 60, 100, golden.Source, [VrrpAddress.Parse("198.18.0.10")], VrrpAuthType.SimplePassword, VrrpReceiveSettings.PadPassword("1111"));
        var buffer = new byte[writer.Length];

        writer.Write(buffer, 100, golden.Destination);
        Assert.Equal(golden.Payload, buffer);
        writer.Write(buffer, 0, golden.Destination);
        Assert.Equal(shutdown.Payload, buffer);
    }

    [Fact]
    public void Write_V3Unicast_ChecksumsPerDestination_Rfc5798_5_2_8()
    {
        var source = VrrpAddress.Parse("198.18.0.2");
        var writer = new VrrpAdvertWriter(VrrpVersion.V3, 51, 100, source, [VrrpAddress.Parse("198.18.0.11")]);
        var toA = new byte[writer.Length];
        var toB = new byte[writer.Length];

        writer.Write(toA, 100, VrrpAddress.Parse("198.18.0.3"));
        writer.Write(toB, 100, VrrpAddress.Parse("198.18.0.4"));

        Assert.NotEqual(toA, toB);
        Assert.Equal(0, VrrpChecksum.Compute(toB, source, VrrpAddress.Parse("198.18.0.4")));
    }

    [Fact]
    public void Constructor_RejectsInvalidSettingsAtOnce()
    {
        Assert.Throws<ArgumentException>(() => new VrrpAdvertWriter(VrrpVersion.V2, 1, 150, VrrpAddress.Parse("198.18.0.2"), []));
    }
}
