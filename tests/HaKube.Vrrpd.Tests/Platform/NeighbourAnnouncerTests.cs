using System.Net;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

public sealed class NeighbourAnnouncerTests
{
    private static async Task<bool> PingsAsync(LabHost from, IPAddress to)
        => (await from.RunAsync(["ping", "-c", "1", "-W", "1", to.ToString()])).Succeeded;

    /// <summary>
    /// Puts the VIP on c and has b ping it, so b holds a neighbour entry pointing at c (without arp_accept,
    /// Linux only updates an existing entry from an unsolicited announcement); then moves the VIP to a.
    /// </summary>
    private static async Task MoveVipAsync(LabHost from, LabHost to, LabHost client, IPAddress vip, int prefix)
    {
        var nodad = vip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new[] { "nodad" } : [];
        await from.RunCheckedAsync(["ip", "addr", "add", $"{vip}/{prefix}", "dev", "eth0", .. nodad]);
        await Wait.UntilAsync(_ => PingsAsync(client, vip), PlatformLab.Bound, $"{client.Name} reaching {vip} on {from.Name}");
        Assert.Equal(from.Mac, await client.NeighbourMacAsync(vip));
        await from.RunCheckedAsync(["ip", "addr", "del", $"{vip}/{prefix}", "dev", "eth0"]);
        await to.RunCheckedAsync(["ip", "addr", "add", $"{vip}/{prefix}", "dev", "eth0", .. nodad]);
    }

    [Fact]
    public async Task GratuitousArp_MovesClientsNeighbourEntryToNewOwnersMac()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var b = await lab.AddHostAsync("b");
        var c = await lab.AddHostAsync("c");
        var vip = IPAddress.Parse("198.18.0.200");
        await MoveVipAsync(c, a, b, vip, 24);
        Assert.Equal(c.Mac, await b.NeighbourMacAsync(vip));
        var link = await PlatformLab.Eth0Async(a);
        using var announcer = await InNamespace.RunAsync(a, () => NeighbourAnnouncer.Open(link));

        var result = await announcer.AnnounceAsync([vip], count: 3, TimeSpan.FromMilliseconds(50), TimeProvider.System);

        Assert.Equal(new AnnounceResult(3, 0, System.Net.Sockets.SocketError.Success), result);
        await Wait.UntilAsync(async ct => await b.NeighbourMacAsync(vip, ct) == a.Mac, PlatformLab.Bound, "b's neighbour entry for the VIP to move to a's MAC");
    }

    [Fact]
    public async Task UnsolicitedNeighbourAdvertisement_MovesClientsNeighbourEntryToNewOwnersMac()
    {
        await using var lab = await Lab.CreateAsync();
        var options = new HostOptions { IPv6 = true };
        var a = await lab.AddHostAsync("a", options);
        var b = await lab.AddHostAsync("b", options);
        var c = await lab.AddHostAsync("c", options);
        var vip = IPAddress.Parse("2001:2::200");
        await MoveVipAsync(c, a, b, vip, 64);
        var link = await PlatformLab.Eth0Async(a);
        using var announcer = await InNamespace.RunAsync(a, () => NeighbourAnnouncer.Open(link));

        var result = await announcer.AnnounceAsync([vip], count: 2, TimeSpan.FromMilliseconds(50), TimeProvider.System);

        Assert.Equal(2, result.Sent);
        await Wait.UntilAsync(async ct => await b.NeighbourMacAsync(vip, ct) == a.Mac, PlatformLab.Bound, "b's neighbour entry for the VIP to move to a's MAC");
    }

    [Fact]
    public async Task Tcpdump_ReadsGratuitousArpAndNeighbourAdvertisement()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a", new HostOptions { IPv6 = true });
        var b = await lab.AddHostAsync("b", new HostOptions { IPv6 = true });
        var link = await PlatformLab.Eth0Async(a);
        using var announcer = await InNamespace.RunAsync(a, () => NeighbourAnnouncer.Open(link));
        var dump = b.Start(["tcpdump", "-i", "eth0", "-n", "-l", "-v", "-e", "arp or (icmp6 and ip6[40] == 136)"]);
        await dump.WaitForOutputAsync(l => l.Contains("listening on", StringComparison.Ordinal), PlatformLab.Bound);

        announcer.SendGratuitousArp(IPAddress.Parse("198.18.0.200"));
        announcer.SendNeighbourAdvertisement(IPAddress.Parse("2001:2::200"));

        await dump.WaitForOutputAsync(l => l.Contains("Request who-has 198.18.0.200 (ff:ff:ff:ff:ff:ff) tell 198.18.0.200", StringComparison.Ordinal), PlatformLab.Bound);
        await dump.WaitForOutputAsync(l => l.Contains("neighbor advertisement", StringComparison.Ordinal), PlatformLab.Bound);
        await dump.WaitForOutputAsync(l => l.Contains("tgt is 2001:2::200", StringComparison.Ordinal), PlatformLab.Bound);
        Assert.Contains("Flags [override]", dump.OutputText, StringComparison.Ordinal);
        Assert.Contains("hlim 255", dump.OutputText, StringComparison.Ordinal);
        Assert.Contains("icmp6 sum ok", dump.OutputText, StringComparison.Ordinal);
    }
}
