using System.Globalization;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

[Collection(TcplbLabGroup.Name)]
public sealed class SocketHandoverTests(TcplbLab lab)
{
    [Fact]
    public async Task RestartUnderSocketActivation_DropsNoConnectionAttempt()
    {
        var dir = Path.Combine(lab.Balancer.DataDirectory, "handover");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "tcplb.cfg");
        var run = Path.Combine(dir, "run");
        var bind = $"{lab.Balancer.Address}:6443";
        await File.WriteAllTextAsync(config, lab.Config().Replace("bind *:6443", "bind " + bind, StringComparison.Ordinal));
        // systemd-socket-activate holds the socket (as tcplb.socket would) and runs this loop, which starts tcplb
        // twice: the second start is the restart. LISTEN_PID must name tcplb itself, hence the exec.
        var wrapper = Path.Combine(dir, "restart-loop.sh");
        await File.WriteAllTextAsync(wrapper, $$"""
            i=0
            while [ $i -lt 2 ]; do
              i=$((i+1))
              sh -c 'LISTEN_PID=$$ exec "$@"' tcplb {{string.Join(' ', TcplbProcess.Command("-f", config, "--run-dir", run, "--stop-grace", "5"))}}
            done
            """);
        var activator = lab.Balancer.Start(["systemd-socket-activate", "-l", bind, "sh", wrapper]);
        try
        {
            await activator.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            var loop = ClientLoop.Start(lab.Client, lab.Certificates, lab.Balancer.Address);
            await loop.WaitCompletedAsync(60);
            var first = await PidAsync(run);
            var inherited = activator.Output.Single(l => l.Text.Contains(" serving ", StringComparison.Ordinal)).Text;
            Assert.Contains("(1 sockets from systemd)", inherited, StringComparison.Ordinal);

            await lab.Balancer.RunCheckedAsync(["kill", "-TERM", first.ToString(CultureInfo.InvariantCulture)]);
            await Wait.UntilAsync(async _ => await PidAsync(run) is var p && p != 0 && p != first, TimeSpan.FromSeconds(30), "the restarted tcplb");
            await loop.FinishAsync();

            Assert.Empty(loop.Failures);
            Assert.Equal(loop.Count, loop.Succeeded);
            Assert.Equal(2, activator.Output.Count(l => l.Text.Contains("(1 sockets from systemd)", StringComparison.Ordinal)));
        }
        finally
        {
            await activator.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task<int> PidAsync(string run)
    {
        try
        {
            return int.Parse((await File.ReadAllTextAsync(Path.Combine(run, "tcplb.pid"))).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return 0;
        }
    }
}
