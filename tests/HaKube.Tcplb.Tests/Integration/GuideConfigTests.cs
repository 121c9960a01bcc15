using HaKube.NetLab;
using HaKube.Tcplb.Tests.Configuration;

namespace HaKube.Tcplb.Tests.Integration;

[Collection(TcplbLabGroup.Name)]
public sealed class GuideConfigTests(TcplbLab lab)
{
    [Fact]
    public async Task GuidesHaproxyCfg_SpreadsThirtyConnections10x3InRoundRobinOrder_AsHaproxy26Does()
    {
        // The guide's file unchanged but for the three server addresses.
        var config = await File.ReadAllTextAsync(TestFiles.Path("guide-haproxy.cfg"));
        for (var i = 0; i < 3; i++)
        {
            config = config.Replace($"172.16.0.{4 + i}:6443", $"{lab.Backends[i].Address}:6443", StringComparison.Ordinal);
        }

        Assert.DoesNotContain("172.16.", config, StringComparison.Ordinal);
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, config, name: "guide");
        var cfg = Path.Combine(lab.HaproxyHost.DataDirectory, "haproxy.cfg");
        await File.WriteAllTextAsync(cfg, config);
        var haproxy = lab.HaproxyHost.Start(["haproxy", "-f", cfg, "-db"]);
        try
        {
            await Wait.UntilAsync(async _ => (await lab.CurlAsync("/readyz", lab.HaproxyHost.Address)).ExitCode == 0, TimeSpan.FromSeconds(20), "haproxy to serve");
            // That probe took HAProxy's first pick; one through tcplb too, so both rotations start at the same point.
            Assert.Equal(0, (await lab.CurlAsync("/readyz")).ExitCode);
            var viaTcplb = await SpreadAsync(lab.Balancer.Address);
            var viaHaproxy = await SpreadAsync(lab.HaproxyHost.Address);

            foreach (var spread in new[] { viaTcplb, viaHaproxy })
            {
                Assert.Equal([10, 10, 10], spread.GroupBy(s => s).Select(g => g.Count()));
                for (var i = 3; i < spread.Count; i++)
                {
                    Assert.Equal(spread[i - 3], spread[i]);
                }
            }

            Assert.Equal(viaHaproxy, viaTcplb);
        }
        finally
        {
            await haproxy.StopAsync();
        }
    }

    private async Task<List<string>> SpreadAsync(System.Net.IPAddress balancer)
    {
        var result = await lab.Client.RunCheckedAsync(
            ["sh", "-c", $"for i in $(seq 1 30); do curl -sS --max-time 10 --cacert {lab.Certificates.Ca} --resolve {LabCertificates.ServerName}:6443:{balancer} https://{LabCertificates.ServerName}:6443/whoami; echo; done"],
            timeout: TimeSpan.FromSeconds(60));
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
