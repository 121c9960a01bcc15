using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>VRRP between the nodes dropped by a firewall, and a link really cut (issue 3, point 10).</summary>
public sealed class PartitionTests
{
    [Fact]
    public async Task VrrpDropped_BothBecomeMaster_RuleRemoved_OneMasterAgain()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);

        await master.Host.DropAsync(112);

        await Wait.UntilAsync(async _ => (await pair.HoldersAsync()).Count == 2 && await backup.StateAsync() == "Master", Bounds.Election, "both nodes master");
        Assert.Equal("Master", await master.StateAsync());
        // The backup saw its master go silent; the master's adverts are refused by its own firewall and it says so.
        await backup.Daemon!.WaitForOutputAsync(l => l.Contains($"peer {master.Host.Address} went silent", StringComparison.Ordinal), Bounds.Immediate);
        await master.Daemon!.WaitForOutputAsync(l => l.Contains($"advert to {backup.Host.Address} refused", StringComparison.Ordinal), Bounds.Election);

        await master.Host.ClearDropsAsync();

        // Within a few advert intervals the equal-priority tie is broken by the higher address (RFC 5798 6.4.3).
        await pair.WaitForSingleMasterAsync(TimeSpan.FromSeconds(5), expected: pair.Lb2);
    }

    [Fact]
    public async Task LinkCut_MasterGoesToFaultAndDropsVip_OtherTakesOver()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);

        await master.Host.CutLinkAsync();

        await Wait.UntilAsync(async _ => await master.StateAsync() == "Fault", Bounds.Immediate, "the cut master in fault");
        Assert.False(await master.HoldsAsync(GuidePair.Vip));
        Assert.Contains("link eth0 down", (await master.StatusAsync()).Instances[0].FaultReasons);
        await Wait.UntilAsync(async _ => await backup.StateAsync() == "Master" && await backup.HoldsAsync(GuidePair.Vip), Bounds.Election, "the other node master");

        await master.Host.RestoreLinkAsync();

        await pair.WaitForSingleMasterAsync(expected: backup);
    }
}
