using System.Text.Json;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

[Collection(TcplbLabGroup.Name)]
public sealed class FailoverTests(TcplbLab lab)
{
    [Fact]
    public async Task StoppingABackendUnderLoad_FailsNoClient_MarksItDownAtTheFirstFailedConnect_ItReturnsAfterRiseRamped()
    {
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, lab.Config());
        await using var readiness = new ReadinessRecorder(tcplb.AdminSocket);
        // Both frontends' backends count: 3 servers on :6443 and 3 on :6444.
        await readiness.WaitForAsync(e => e is { Listening: true, HealthyBackends: 6, TotalBackends: 6 }, "6/6 at start");
        var b1 = lab.Backends[0];
        try
        {
            var loop = ClientLoop.Start(lab.Client, lab.Certificates, lab.Balancer.Address);
            await loop.WaitCompletedAsync(60);
            await b1.QuitAsync();
            await loop.FinishAsync();

            Assert.Empty(loop.Failures);
            Assert.Equal(loop.Count, loop.Succeeded);
            // fall 3 at 1 s would take seconds; the first failed connect at 10 ms spacing took it down first.
            var down = await tcplb.WaitForLogAsync("server kube-apiserver/b1 is DOWN");
            Assert.Contains("by failed connect", down, StringComparison.Ordinal);
            await readiness.WaitForAsync(e => e.HealthyBackends == 5, "5/6 once b1 is down");

            await b1.StartAsync();
            await tcplb.WaitForLogAsync("server kube-apiserver/b1 is UP");
            var status = await tcplb.CliAsync("status", "--json");
            using var json = JsonDocument.Parse(status.StandardOutput);
            var server = json.RootElement.GetProperty("backends")[0].GetProperty("servers")[0];
            Assert.Equal("UP", server.GetProperty("status").GetString());
            // Slowstart: just up, its weight is still ramping from ~0 to 100.
            Assert.InRange(server.GetProperty("effectiveWeight").GetInt32(), 1, server.GetProperty("weight").GetInt32() - 1);
            await readiness.WaitForAsync(e => e.HealthyBackends == 6 && readiness.Events.Any(x => x.HealthyBackends == 5), "6/6 again");

            await Wait.UntilAsync(
                async _ =>
                {
                    var (exit, body) = await lab.CurlAsync("/whoami");
                    Assert.Equal(0, exit);
                    return body == "b1";
                },
                TimeSpan.FromSeconds(30),
                "b1 to take connections again");
        }
        finally
        {
            await lab.RestoreBackendsAsync();
        }
    }

    [Fact]
    public async Task AllBackendsDown_ClosesConnectionsAtOnce_ServiceResumesWhenOneReturns()
    {
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, lab.Config());
        try
        {
            foreach (var backend in lab.Backends)
            {
                await backend.QuitAsync();
            }

            // Failed connects mark each down; then every new connection is closed at once, not left to time out.
            await Wait.UntilAsync(async _ => (await lab.CurlAsync("/readyz")).ExitCode != 0 && tcplb.CountLog(" is DOWN ") >= 3, TimeSpan.FromSeconds(30), "all three down");
            var (exit, _) = await lab.CurlAsync("/readyz");
            Assert.NotEqual(0, exit);
            Assert.NotEqual(28, exit); // 28 = curl's own timeout: the connection was closed, not left hanging
            await tcplb.WaitForLogAsync(" kube-apiserver kube-apiserver/<NOSRV> ");

            await lab.Backends[1].StartAsync();
            await Wait.UntilAsync(async _ => (await lab.CurlAsync("/whoami")) is (0, "b2"), TimeSpan.FromSeconds(30), "service through b2");
        }
        finally
        {
            await lab.RestoreBackendsAsync();
        }
    }
}
