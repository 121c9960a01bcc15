using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

[Collection(TcplbLabGroup.Name)]
public sealed class DrainTests(TcplbLab lab)
{
    [Fact]
    public async Task ServerDrain_TakesItOutForNewConnections_WhileAnEstablishedOneKeepsFlowing_EnableBringsItBack()
    {
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, lab.Config());
        var flag = Path.Combine(lab.Client.DataDirectory, "second-request");
        File.Delete(flag);
        var script = Path.Combine(lab.Client.DataDirectory, "long.sh");
        await File.WriteAllTextAsync(script, $$"""
            {
              printf 'GET /whoami HTTP/1.1\r\nHost: {{LabCertificates.ServerName}}\r\n\r\n'
              i=0; while [ ! -e {{flag}} ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done
              printf 'GET /whoami HTTP/1.1\r\nHost: {{LabCertificates.ServerName}}\r\nConnection: close\r\n\r\n'
              sleep 2
            } | openssl s_client -quiet -connect {{lab.Balancer.Address}}:6443 -servername {{LabCertificates.ServerName}} -CAfile {{lab.Certificates.Ca}} -verify_return_error
            """);
        var names = lab.Backends.Select(b => b.Name).ToHashSet();
        var longLived = lab.Client.Start(["sh", script]);
        var first = (await longLived.WaitForOutputAsync(l => names.Contains(l.Trim()), TimeSpan.FromSeconds(20))).Trim();

        var drain = await tcplb.CliAsync("server", "drain", $"kube-apiserver/{first}");
        Assert.Equal(0, drain.ExitCode);
        Assert.Contains("ready -> drain", drain.StandardOutput, StringComparison.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            var (exit, body) = await lab.CurlAsync("/whoami");
            Assert.Equal(0, exit);
            Assert.NotEqual(first, body);
        }

        Assert.Contains($"  {first,-20} DRAIN", (await tcplb.CliAsync("status")).StandardOutput, StringComparison.Ordinal);
        await File.WriteAllTextAsync(flag, "");
        await Wait.UntilAsync(() => longLived.Output.Count(l => l.Text.Trim() == first) == 2, TimeSpan.FromSeconds(20), "the second answer on the drained server's connection");

        Assert.Equal(0, (await tcplb.CliAsync("server", "enable", $"kube-apiserver/{first}")).ExitCode);
        await Wait.UntilAsync(async _ => (await lab.CurlAsync("/whoami")).Body == first, TimeSpan.FromSeconds(20), "the enabled server to take connections");
        var unknown = await tcplb.CliAsync("server", "disable", "kube-apiserver/nope");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("has no server 'nope'", unknown.StandardError, StringComparison.Ordinal);
    }
}
