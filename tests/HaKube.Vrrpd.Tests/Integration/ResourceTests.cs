using System.Globalization;
using HaKube.NetLab;
using Xunit.Abstractions;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>vrrpd's resident memory while master (issue 3: under 30 MB, which needs Native AOT).</summary>
public sealed class ResourceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ResidentMemory_WhileMaster_IsUnder30MBWithAot()
    {
        // The bound is the shipped program's: the Native AOT binary scripts/build.sh publishes (the JIT carries tens of
        // MB more), so this test always runs that one.
        var binary = PublishedBinaries.Require("vrrpd");
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync(binary);
        var master = await pair.WaitForSingleMasterAsync();
        // Let it settle past start-up: ten adverts sent.
        await Wait.UntilAsync(async _ => (await master.StatusAsync()).Instances[0].AdvertsSent >= 10, Bounds.Election, "ten adverts");

        var rss = ResidentKilobytes(master.Daemon!.Pid);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vrrpd resident memory while master: {rss} kB ({binary})"));

        // 30 MB as the issue counts them (10^6 bytes).
        const long Bound = 30_000_000 / 1024;
        Assert.True(rss < Bound, string.Create(CultureInfo.InvariantCulture, $"vrrpd resident {rss} kB, bound {Bound} kB ({binary})"));
    }

    private static long ResidentKilobytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
