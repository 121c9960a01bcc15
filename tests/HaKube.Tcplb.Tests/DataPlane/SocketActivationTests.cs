using System.Globalization;
using System.Net;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class SocketActivationTests
{
    [Fact]
    public void Take_OtherProcessesPid_TakesNothing()
    {
        var env = new Dictionary<string, string?> { ["LISTEN_PID"] = "1", ["LISTEN_FDS"] = "1" };

        Assert.Empty(SystemdSocketActivation.Take(k => env.GetValueOrDefault(k), k => env.Remove(k), processId: 4242, firstFd: 3));
        Assert.True(env.ContainsKey("LISTEN_FDS"));
    }

    [Fact]
    public async Task Handover_ConnectionWaitingInBacklogDuringRestart_IsServedByTheNextEngine()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        // The socket systemd would hold across restarts; each engine gets its own copy of the descriptor, as a new process would.
        using var holder = ListenSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), 128, reusePort: false, freeBind: false, "systemd");
        var bind = ListenSocket.LocalEndPoint(holder.Fd)!;

        var first = await StartInheritingAsync(holder, bind, echo);
        using (var c = await first.ConnectAsync())
        {
            await SocketIo.RoundTripAsync(c, [1], cts.Token);
        }

        await first.DisposeAsync();

        // Between the two engines nobody accepts: the kernel completes the handshake into the backlog.
        using var waiting = await first.ConnectAsync(bind);
        await waiting.SendAsync(new byte[] { 42 }, cts.Token);

        await using var second = await StartInheritingAsync(holder, bind, echo);
        Assert.Equal(new byte[] { 42 }, await SocketIo.ReadExactlyAsync(waiting, 1, cts.Token));
    }

    private static async Task<EngineFixture> StartInheritingAsync(FileDescriptorHandle holder, IPEndPoint bind, TestServer echo)
    {
        var copy = LibC.dup(holder.Fd);
        Assert.True(copy >= 0);
        var env = new Dictionary<string, string?>
        {
            ["LISTEN_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ["LISTEN_FDS"] = "1",
        };
        // The real protocol starts at fd 3; a test process already uses 3, so the parser is given the copy's number.
        var inherited = SystemdSocketActivation.Take(k => env.GetValueOrDefault(k), k => env.Remove(k), Environment.ProcessId, copy);
        Assert.Equal(bind, Assert.Single(inherited).LocalEndPoint);
        Assert.Empty(env);
        return await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)], bind: [bind], configureEngine: o => o with { Inherited = inherited });
    }
}
