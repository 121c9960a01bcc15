using System.Net.Sockets;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

public sealed class VrrpSocketTests
{
    // A VRRPv3 advert for VRID 51, priority 100, one address; the socket moves bytes, it does not read them.
    private static readonly byte[] Advert = [0x31, 51, 100, 1, 0x00, 0x64, 0x12, 0x34, 198, 18, 0, 100];

    private static async Task<ReceivedAdvert> ReceiveOneAsync(VrrpSocket socket, Memory<byte> buffer)
    {
        using var cts = new CancellationTokenSource(PlatformLab.Bound);
        return await socket.ReceiveAsync(buffer, cts.Token);
    }

    private static async Task<(LabHost A, LabHost B)> TwoHostsAsync(Lab lab)
    {
        var options = new HostOptions { IPv6 = true };
        return (await lab.AddHostAsync("a", options), await lab.AddHostAsync("b", options));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Multicast_AdvertFromA_ArrivesOnB_WithSourceGroupAndTtl255(AddressFamily family)
    {
        await using var lab = await Lab.CreateAsync();
        var (a, b) = await TwoHostsAsync(lab);
        using var sender = await PlatformLab.OpenVrrpSocketAsync(a, family, multicast: true);
        using var receiver = await PlatformLab.OpenVrrpSocketAsync(b, family, multicast: true);
        var link = await PlatformLab.Eth0Async(b);
        var buffer = new byte[2048];

        var receive = ReceiveOneAsync(receiver, buffer);
        Assert.Equal(SocketError.Success, sender.SendMulticast(Advert));
        var advert = await receive;

        Assert.Equal(sender.Source, advert.Source);
        Assert.True(advert.Destination.Matches(sender.MulticastGroup), $"destination {advert.Destination}");
        Assert.Equal(VrrpSocket.RequiredTimeToLive, advert.TimeToLive);
        Assert.Equal(link.Index, advert.InterfaceIndex);
        Assert.False(advert.Truncated);
        Assert.Equal(Advert, buffer[..advert.Length]);
        if (family == AddressFamily.InterNetworkV6)
        {
            Assert.True(advert.Source.ToIPAddress().IsIPv6LinkLocal, "RFC 5798 5.1.2.1: IPv6 adverts come from the link-local address");
        }
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Unicast_AdvertFromConfiguredSource_ArrivesOnPeer_WithTtl255(AddressFamily family)
    {
        await using var lab = await Lab.CreateAsync();
        var (a, b) = await TwoHostsAsync(lab);
        var v6 = family == AddressFamily.InterNetworkV6;
        var source = v6 ? a.Address6! : a.Address;
        var peer = v6 ? b.Address6! : b.Address;
        using var sender = await PlatformLab.OpenVrrpSocketAsync(a, family, multicast: false, source);
        using var receiver = await PlatformLab.OpenVrrpSocketAsync(b, family, multicast: false, peer);
        var buffer = new byte[2048];

        var receive = ReceiveOneAsync(receiver, buffer);
        Assert.Equal(SocketError.Success, sender.Send(Advert, peer));
        var advert = await receive;

        Assert.True(advert.Source.Matches(source), $"source {advert.Source}, expected {source}");
        Assert.True(advert.Destination.Matches(peer), $"destination {advert.Destination}, expected {peer}");
        Assert.Equal(VrrpSocket.RequiredTimeToLive, advert.TimeToLive);
        Assert.Equal(Advert, buffer[..advert.Length]);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork, "ttl 255")]
    [InlineData(AddressFamily.InterNetworkV6, "hlim 255")]
    public async Task Tcpdump_OnPeer_SeesVrrpWithTtl255(AddressFamily family, string expected)
    {
        await using var lab = await Lab.CreateAsync();
        var (a, b) = await TwoHostsAsync(lab);
        using var sender = await PlatformLab.OpenVrrpSocketAsync(a, family, multicast: true);
        var filter = family == AddressFamily.InterNetwork ? "ip proto 112" : "ip6 proto 112";
        var dump = b.Start(["tcpdump", "-i", "eth0", "-n", "-l", "-v", "-c", "1", filter]);
        await dump.WaitForOutputAsync(l => l.Contains("listening on", StringComparison.Ordinal), PlatformLab.Bound);

        // One advert at a time until tcpdump prints one: the first frames from a host just plugged into the bridge
        // may be lost on a loaded machine.
        string? line = null;
        var deadline = DateTime.UtcNow + PlatformLab.Bound;
        while (line is null && DateTime.UtcNow < deadline)
        {
            Assert.Equal(SocketError.Success, sender.SendMulticast(Advert));
            try
            {
                line = await dump.WaitForOutputAsync(l => l.Contains("VRRP", StringComparison.Ordinal), TimeSpan.FromMilliseconds(500));
            }
            catch (TimeoutException)
            {
                // Send again.
            }
        }

        Assert.Contains(expected, dump.OutputText, StringComparison.Ordinal);
        Assert.NotNull(line);
    }

    [Fact]
    public async Task Receive_IsCancellable_WhenNothingArrives()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        using var socket = await PlatformLab.OpenVrrpSocketAsync(a, AddressFamily.InterNetwork, multicast: true);
        using var cts = new CancellationTokenSource();
        var receive = socket.ReceiveAsync(new byte[1500], cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive);
    }

    [Fact]
    public async Task SendAndTryReceive_AllocateNothingPerPacket()
    {
        const int Packets = 100;
        await using var lab = await Lab.CreateAsync();
        var (a, b) = await TwoHostsAsync(lab);
        using var sender = await PlatformLab.OpenVrrpSocketAsync(a, AddressFamily.InterNetwork, multicast: false, a.Address);
        using var receiver = await PlatformLab.OpenVrrpSocketAsync(b, AddressFamily.InterNetwork, multicast: false, b.Address);
        var buffer = new byte[2048];
        var peer = PacketAddress.FromIPAddress(b.Address);
        var receive = ReceiveOneAsync(receiver, buffer);
        Assert.Equal(SocketError.Success, sender.Send(Advert, peer));
        await receive;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var received = 0;
        var failed = 0;
        var wrongLength = 0;

        // No assertions inside the measured part: xunit's comparers allocate.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Packets; i++)
        {
            failed += sender.Send(Advert, peer) == SocketError.Success ? 0 : 1;
        }

        while (received < Packets && clock.Elapsed < PlatformLab.Bound)
        {
            if (receiver.TryReceive(buffer, out var advert))
            {
                wrongLength += advert.Length == Advert.Length ? 0 : 1;
                received++;
            }
            else
            {
                Thread.Yield();
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failed);
        Assert.Equal(Packets, received);
        Assert.Equal(0, wrongLength);
        Assert.Equal(0, allocated);
    }
}
