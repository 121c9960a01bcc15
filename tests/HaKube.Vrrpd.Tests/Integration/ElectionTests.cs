namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>The guide's setup with the real vrrpd: election and the tracked balancer (issue 3, point 10).</summary>
public sealed class ElectionTests
{
    [Fact]
    public async Task GuidePair_VipComesUpOnExactlyOne()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();

        var master = await pair.WaitForSingleMasterAsync();

        // Equal priorities (100 + 2 from the healthy script): whoever times out first is master, and a Backup
        // accepts an equal-priority Master (RFC 5798 6.4.2); the backup knows who it is.
        var backup = await pair.Other(master).StatusAsync();
        Assert.Equal(102, backup.Instances[0].EffectivePriority);
        Assert.Equal(master.Host.Address.ToString(), backup.Instances[0].MasterAddress);
        Assert.True(backup.Instances[0].AdvertsReceived > 0);
    }

    [Fact]
    public async Task StoppingTheTrackedProcess_MovesTheVip()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var other = pair.Other(master);

        await master.Balancer!.KillAsync();

        await pair.WaitForSingleMasterAsync(expected: other);
        var status = await master.StatusAsync();
        Assert.Equal(100, status.Instances[0].EffectivePriority);
        Assert.Contains(status.Instances[0].Trackers, t => t.Name == "chk_haproxy" && !t.Up);
    }
}
