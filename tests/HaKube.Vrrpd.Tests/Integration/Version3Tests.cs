using System.Diagnostics;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>VRRPv3 with centisecond timers (RFC 5798 5.2.7): advert_int 0.1.</summary>
public sealed class Version3Tests
{
    [Fact]
    public async Task V3AdvertInt100ms_ElectsOneMaster_AndTakesOverWithinAFewTenthsAfterSigkill()
    {
        await using var pair = await GuidePair.CreateAsync(configure: (_, c) => c with { Version = 3, AdvertInt = "0.1" });
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);
        var status = (await backup.StatusAsync()).Instances[0];
        Assert.Equal(3, status.Version);

        var clock = Stopwatch.StartNew();
        master.Daemon!.Signal(9);
        await backup.Daemon!.WaitForOutputAsync(l => l.Contains("Backup -> Master (MasterDown)", StringComparison.Ordinal), Bounds.Immediate);

        // Master_Down_Interval = 3 * 0.1 s + (256 - 102) * 0.1 s / 256 = 0.36 s (RFC 5798 6.1).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"takeover took {clock.Elapsed.TotalMilliseconds} ms");
        await Wait.UntilAsync(async _ => await backup.HoldsAsync(GuidePair.Vip), Bounds.Immediate, "the VIP on the new master");
    }
}
