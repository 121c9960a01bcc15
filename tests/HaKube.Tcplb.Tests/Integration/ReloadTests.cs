namespace HaKube.Tcplb.Tests.Integration;

[Collection(TcplbLabGroup.Name)]
public sealed class ReloadTests(TcplbLab lab)
{
    [Fact]
    public async Task SighupUnderLoad_AppliesTheNewFile_DropsNoConnection_AnInvalidFileKeepsTheOldOne()
    {
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, lab.Config());
        var loop = ClientLoop.Start(lab.Client, lab.Certificates, lab.Balancer.Address);
        await loop.WaitCompletedAsync(60);

        // Drop b3 and change the timeouts: schedulers and frontends are rebuilt, the :6443 listeners kept.
        var changed = lab.Config().Replace($"  server b3 {lab.Backends[2].Address}:6443 check\n", "", StringComparison.Ordinal)
            .Replace("timeout client 50s", "timeout client 40s", StringComparison.Ordinal);
        await File.WriteAllTextAsync(tcplb.Config, changed);
        tcplb.Process.Signal(1);
        await tcplb.WaitForLogAsync("reloaded ");
        await loop.FinishAsync();

        Assert.Empty(loop.Failures);
        Assert.Equal(loop.Count, loop.Succeeded);
        for (var i = 0; i < 4; i++)
        {
            var (exit, body) = await lab.CurlAsync("/whoami");
            Assert.Equal(0, exit);
            Assert.NotEqual("b3", body);
        }

        await File.WriteAllTextAsync(tcplb.Config, changed.Replace("timeout client 40s", "timeout client forty", StringComparison.Ordinal));
        tcplb.Process.Signal(1);
        var rejected = await tcplb.WaitForLogAsync("reload rejected");
        Assert.Contains("1 errors", rejected, StringComparison.Ordinal);
        Assert.Contains(tcplb.Process.Output, l => l.Text.Contains("tcplb.cfg:", StringComparison.Ordinal) && l.Text.Contains("error: timeout client", StringComparison.Ordinal));
        Assert.Equal(0, (await lab.CurlAsync("/readyz")).ExitCode);
    }
}
