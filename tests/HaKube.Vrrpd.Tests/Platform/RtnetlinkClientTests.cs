using System.Net;
using System.Net.Sockets;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

public sealed class RtnetlinkClientTests
{
    private static async Task<string> AddressLinesAsync(LabHost host, string family)
        => (await host.RunCheckedAsync(["ip", "-o", family, "addr", "show", "dev", host.Interface])).StandardOutput;

    [Fact]
    public async Task AddIPv4_ShowsWithLabelAndTag_SecondAddIsNoOp_DeleteRemoves_SecondDeleteIsNoOp()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        using var rtnl = await PlatformLab.RtnetlinkAsync(a);
        var link = await rtnl.GetLinkAsync(a.Interface);
        Assert.NotNull(link);
        var vip = new InterfaceAddress(link.Index, IPAddress.Parse("198.18.0.100"), 24) { Label = "eth0:vip" };

        Assert.True(await rtnl.AddAddressAsync(vip));
        var shown = await AddressLinesAsync(a, "-4");
        Assert.Contains("inet 198.18.0.100/24 brd 198.18.0.255", shown, StringComparison.Ordinal);
        Assert.Contains("eth0:vip", shown, StringComparison.Ordinal);
        var dumped = (await rtnl.GetAddressesAsync(link.Index, AddressFamily.InterNetwork)).Single(x => x.Address.Equals(vip.Address));
        Assert.True(dumped.IsOurs, $"IFA_PROTO is {dumped.Protocol}");
        Assert.Equal("eth0:vip", dumped.Label);
        Assert.False((await rtnl.GetAddressesAsync(link.Index)).Single(x => x.Address.Equals(a.Address)).IsOurs);

        Assert.False(await rtnl.AddAddressAsync(vip));

        Assert.True(await rtnl.DeleteAddressAsync(vip));
        Assert.DoesNotContain("198.18.0.100", await AddressLinesAsync(a, "-4"), StringComparison.Ordinal);
        Assert.True(await a.HasAddressAsync(a.Address), "deleting the VIP must leave the host's own address");

        Assert.False(await rtnl.DeleteAddressAsync(vip));
    }

    [Fact]
    public async Task AddIPv6_IsNotTentative_AndIsTagged_DeleteRemovesIt()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a", new HostOptions { IPv6 = true });
        using var rtnl = await PlatformLab.RtnetlinkAsync(a);
        var link = (await rtnl.GetLinkAsync(a.Interface))!;
        var vip = new InterfaceAddress(link.Index, IPAddress.Parse("2001:2::100"), 64);

        Assert.True(await rtnl.AddAddressAsync(vip));
        var shown = await AddressLinesAsync(a, "-6");
        Assert.Contains("inet6 2001:2::100/64", shown, StringComparison.Ordinal);
        var line = shown.Split('\n').Single(l => l.Contains("2001:2::100/64", StringComparison.Ordinal));
        Assert.DoesNotContain("tentative", line, StringComparison.Ordinal);
        var dumped = (await rtnl.GetAddressesAsync(link.Index, AddressFamily.InterNetworkV6)).Single(x => x.Address.Equals(vip.Address));
        Assert.True(dumped.IsOurs);
        Assert.False(dumped.IsTentative);

        Assert.False(await rtnl.AddAddressAsync(vip));
        Assert.True(await rtnl.DeleteAddressAsync(vip));
        Assert.DoesNotContain("2001:2::100", await AddressLinesAsync(a, "-6"), StringComparison.Ordinal);
        Assert.False(await rtnl.DeleteAddressAsync(vip));
    }

    [Fact]
    public async Task Add_OnMissingInterface_ThrowsNamingAddressAndInterface()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        using var rtnl = await PlatformLab.RtnetlinkAsync(a);

        var e = await Assert.ThrowsAsync<PlatformException>(() => rtnl.AddAddressAsync(new InterfaceAddress(9999, IPAddress.Parse("198.18.0.100"), 24)));

        Assert.Equal(19, e.Errno); // ENODEV
        Assert.Contains("198.18.0.100/24", e.Message, StringComparison.Ordinal);
        Assert.Contains("9999", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLink_ReportsIndexMacAndRunningState()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        using var rtnl = await PlatformLab.RtnetlinkAsync(a);
        var index = int.Parse((await a.ReadFileAsync("/sys/class/net/eth0/ifindex")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var link = await rtnl.GetLinkAsync("eth0");
        var byIndex = await rtnl.GetLinkAsync(index);

        Assert.NotNull(link);
        Assert.Equal(index, link.Index);
        Assert.Equal(link, byIndex);
        Assert.Equal(a.Mac.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant(), link.MacAddress.ToString());
        Assert.True(link.IsUsable);
        Assert.Null(await rtnl.GetLinkAsync("nosuch0"));
    }
}
