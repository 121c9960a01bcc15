using System.Collections.Concurrent;
using System.Net;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

public sealed class NetlinkMonitorTests
{
    [Fact]
    public async Task AddressDeletedByIpCommand_IsReportedAsRemoved()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var link = await PlatformLab.Eth0Async(a);
        await using var monitor = await InNamespace.RunAsync(a, NetlinkMonitor.Open);
        var changes = new ConcurrentQueue<AddressChange>();
        monitor.AddressChanged += (_, change) => changes.Enqueue(change);
        monitor.Start();
        var vip = IPAddress.Parse("198.18.0.50");

        await a.RunCheckedAsync(["ip", "addr", "add", "198.18.0.50/24", "dev", "eth0"]);
        await Wait.UntilAsync(() => changes.Any(c => c.Added && c.Address.Address.Equals(vip)), PlatformLab.Bound, "the address added");
        await a.RunCheckedAsync(["ip", "addr", "del", "198.18.0.50/24", "dev", "eth0"]);
        await Wait.UntilAsync(() => changes.Any(c => !c.Added && c.Address.Address.Equals(vip)), PlatformLab.Bound, "the address removed");

        var removed = changes.Single(c => !c.Added && c.Address.Address.Equals(vip)).Address;
        Assert.Equal(link.Index, removed.InterfaceIndex);
        Assert.Equal(24, removed.PrefixLength);
    }

    [Fact]
    public async Task IPv6AddressDeleted_IsReportedAsRemoved()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a", new HostOptions { IPv6 = true });
        await using var monitor = await InNamespace.RunAsync(a, NetlinkMonitor.Open);
        var changes = new ConcurrentQueue<AddressChange>();
        monitor.AddressChanged += (_, change) => changes.Enqueue(change);
        monitor.Start();

        await a.RunCheckedAsync(["ip", "-6", "addr", "del", $"{a.Address6}/64", "dev", "eth0"]);

        await Wait.UntilAsync(() => changes.Any(c => !c.Added && c.Address.Address.Equals(a.Address6) && c.Address.PrefixLength == 64), PlatformLab.Bound, "the IPv6 address removed");
    }

    [Fact]
    public async Task CutLink_ReportsLinkNotRunning_RestoreReportsItRunningAgain()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var eth0 = await PlatformLab.Eth0Async(a);
        await using var monitor = await InNamespace.RunAsync(a, NetlinkMonitor.Open);
        var changes = new ConcurrentQueue<LinkInfo>();
        monitor.LinkChanged += (_, link) => changes.Enqueue(link);
        monitor.Start();

        await a.CutLinkAsync();
        await Wait.UntilAsync(() => changes.Any(l => l.Index == eth0.Index && !l.IsRunning), PlatformLab.Bound, "eth0 reported down");
        var down = changes.First(l => l.Index == eth0.Index && !l.IsRunning);
        Assert.False(down.HasCarrier);
        Assert.True(down.IsUp, "the link is still administratively up; only the carrier went");
        Assert.NotEqual(LinkOperationalState.Up, down.OperationalState); // veth says down, others lowerlayerdown
        Assert.False(down.IsUsable);

        await a.RestoreLinkAsync();
        await Wait.UntilAsync(() => changes.Reverse().FirstOrDefault(l => l.Index == eth0.Index)?.IsUsable == true, PlatformLab.Bound, "eth0 reported up again");
    }
}
