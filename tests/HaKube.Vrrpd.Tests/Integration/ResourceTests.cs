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
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        // Let it settle past start-up: ten adverts sent.
        await Wait.UntilAsync(async _ => (await master.StatusAsync()).Instances[0].AdvertsSent >= 10, Bounds.Election, "ten adverts");

        var rss = ResidentKilobytes(master.Daemon!.Pid);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vrrpd resident memory while master: {rss} kB ({Vrrpd.Binary ?? "JIT"})"));

        // JIT (dotnet vrrpd.dll) carries the JIT and IL; the bound that matters is the published AOT binary's.
        var bound = Vrrpd.Binary is null ? 120_000 : 30_000;
        Assert.True(rss < bound, string.Create(CultureInfo.InvariantCulture, $"vrrpd resident {rss} kB, bound {bound} kB ({(Vrrpd.Binary is null ? "JIT" : Vrrpd.Binary)})"));
    }

    private static long ResidentKilobytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
