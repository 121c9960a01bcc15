using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

public sealed class NeighbourFrameTests
{
    private static readonly byte[] Mac = [0x02, 0x48, 0x4b, 0x00, 0x00, 0x01];

    [Fact]
    public void GratuitousArpRequest_IsBroadcast_WithVipAsSenderAndTarget()
    {
        var frame = new byte[GratuitousArpFrame.Length];

        GratuitousArpFrame.Write(frame, Mac, [198, 18, 0, 200], ArpOperation.Request);

        byte[] expected =
        [
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x48, 0x4b, 0x00, 0x00, 0x01, 0x08, 0x06,
            0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01,
            0x02, 0x48, 0x4b, 0x00, 0x00, 0x01, 198, 18, 0, 200,
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 198, 18, 0, 200,
        ];
        Assert.Equal(expected, frame);
    }

    [Fact]
    public void GratuitousArpReply_CarriesOwnMacAsTarget()
    {
        var frame = new byte[GratuitousArpFrame.Length];

        GratuitousArpFrame.Write(frame, Mac, [198, 18, 0, 200], ArpOperation.Reply);

        Assert.Equal(2, frame[21]);
        Assert.Equal(Mac, frame[32..38]);
    }

    [Fact]
    public void NeighbourAdvertisement_HasValidIcmpV6Checksum_OverrideFlag_AndTargetLinkLayerOption()
    {
        var frame = new byte[NeighbourAdvertisementFrame.Length];
        byte[] vip = [0x20, 0x01, 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00];

        NeighbourAdvertisementFrame.Write(frame, Mac, vip);

        Assert.Equal(new byte[] { 0x33, 0x33, 0, 0, 0, 1 }, frame[..6]);
        Assert.Equal(255, frame[14 + 7]);
        var icmp = frame[54..];
        Assert.Equal(136, icmp[0]);
        Assert.Equal(0x20, icmp[4]); // R=0, S=0, O=1
        Assert.Equal(vip, icmp[8..24]);
        Assert.Equal(new byte[] { 2, 1 }, icmp[24..26]);
        Assert.Equal(Mac, icmp[26..32]);
        // Summing pseudo-header and message including the checksum gives 0xffff: Finish() returns 0.
        var sum = InternetChecksum.Add(0, frame.AsSpan(14 + 8, 32));
        sum += 32 + 58;
        sum = InternetChecksum.Add(sum, icmp);
        Assert.Equal(0, InternetChecksum.Finish(sum));
    }
}
