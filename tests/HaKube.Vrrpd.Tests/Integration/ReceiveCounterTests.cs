using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>Receive drops the daemon counts outside the pure checks (issue 3, point 3).</summary>
public sealed class ReceiveCounterTests
{
    /// <summary>Bigger than vrrpd's 9216-byte receive buffer: the kernel reassembles it, and the read cuts it.</summary>
    private const int OversizedLength = 12_000;

    [Fact]
    public async Task DatagramTruncatedOnReceive_IsCountedAsALengthDrop()
    {
        await using var lab = await Lab.CreateAsync();
        var node = new VrrpdNode(await lab.AddHostAsync("lb1", new HostOptions { IPv6 = false }));
        var sender = await lab.AddHostAsync("lb2", new HostOptions { IPv6 = false });
        await node.WriteConfigAsync(new GuideConfig { Self = node.Host.Address, Peer = sender.Address, Vip = "198.18.0.100/24" }.Render());
        await node.StartDaemonAsync();
        Assert.Empty((await node.StatusAsync()).Instances[0].Drops);

        // From the configured peer, starting as a valid v2 header would: only its size is wrong.
        var send = await sender.RunAsync(["/usr/bin/python3", "-c", $$"""
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 112)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 255)
            s.setsockopt(socket.IPPROTO_IP, 10, 0)  # IP_MTU_DISCOVER = IP_PMTUDISC_DONT: fragment it
            s.sendto(bytes([0x21, 51, 100, 1, 1, 1, 0, 0]) + bytes({{OversizedLength}} - 8), ("{{node.Host.Address}}", 0))
            """]);
        Assert.True(send.Succeeded, send.StandardError);

        await Wait.UntilAsync(
            async _ => (await node.StatusAsync()).Instances[0].Drops.GetValueOrDefault("LengthMismatch") == 1,
            Bounds.Immediate, "the oversized datagram counted as a length drop");
        var text = await node.CliAsync("status", "--run-dir", node.RunDirectory);
        Assert.Contains("dropped: LengthMismatch 1", text.StandardOutput, StringComparison.Ordinal);
        var metrics = await node.Host.RunCheckedAsync(["curl", "-sf", "http://127.0.0.1:9650/metrics"]);
        Assert.Contains("vrrpd_adverts_dropped_total{instance=\"haproxy-vip\",reason=\"LengthMismatch\"} 1", metrics.StandardOutput, StringComparison.Ordinal);
    }
}
