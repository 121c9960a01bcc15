using System.Net;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>virtual_ipaddress_excluded at run time (issue 3 point 8): held while master like a VIP, never carried in adverts.</summary>
public sealed class ExcludedAddressTests
{
    private static readonly IPAddress Excluded = IPAddress.Parse("198.18.0.150");

    [Fact]
    public async Task ExcludedAddress_HeldOnlyByTheMaster_AndAbsentFromTheAdverts()
    {
        await using var pair = await GuidePair.CreateAsync(configure: (node, c) => c with
        {
            Priority = node.Name == "lb1" ? 101 : 100,
            ExtraInstanceLines = "  virtual_ipaddress_excluded {\n    198.18.0.150/24\n  }\n",
        });
        await pair.StartAsync();
        await pair.WaitForSingleMasterAsync(expected: pair.Lb1);
        await Wait.UntilAsync(async _ => await pair.Lb1.HoldsAsync(Excluded), Bounds.Immediate, "lb1 to hold the excluded address");
        Assert.False(await pair.Lb2.HoldsAsync(Excluded));

        // The adverts lb2 receives list the VIP alone (tcpdump's VRRP decoder prints the address list).
        var adverts = pair.Lb2.Host.Start(["tcpdump", "-i", "eth0", "-n", "-l", "-v", "-c", "2", "ip proto 112"]);
        await adverts.WaitForExitAsync(Bounds.Election);
        var lines = adverts.Output.Select(l => l.Text).Where(l => l.Contains("VRRPv2, Advertisement", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Contains($"addrs: {GuidePair.Vip} auth", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain(Excluded.ToString(), l, StringComparison.Ordinal));

        // Resigning moves it with the VIP.
        var on = await pair.Lb1.CliAsync("maint", "on", "--run-dir", pair.Lb1.RunDirectory);
        Assert.True(on.Succeeded, on.StandardError);
        await pair.WaitForSingleMasterAsync(Bounds.Immediate, expected: pair.Lb2);
        await Wait.UntilAsync(async _ => await pair.Lb2.HoldsAsync(Excluded) && !await pair.Lb1.HoldsAsync(Excluded), Bounds.Immediate,
            "the excluded address on lb2 alone");
    }
}
