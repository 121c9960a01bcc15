using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>
/// maxconn as HAProxy enforces it: at the limit the listener stops accepting, so a further connection completes its TCP
/// handshake in the kernel's backlog and waits there, neither accepted-and-closed nor reset, until a connection closes.
/// </summary>
public sealed class MaxConnTests
{
    /// <summary>Long enough for a connection that would be served to be served; a waiting one must not be.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task FrontendMaxConn3_FourthWaitsInTheBacklog_UntilOneOfTheThreeCloses()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)], f => f with { MaxConn = 3 });
        var held = await ConnectServedAsync(lb, 3, cts.Token);

        using var fourth = await lb.ConnectAsync();
        var answer = await SendAndWaitQuietAsync(fourth, cts.Token);

        Assert.Equal(3, echo.Accepted);
        Assert.Equal(3, lb.Engine.FrontendConnections("fe"));
        held[1].Dispose();
        Assert.Equal(Payload, await answer.WaitAsync(cts.Token));
        foreach (var client in new[] { held[0], held[2], fourth })
        {
            await SocketIo.RoundTripAsync(client, RandomNumberGenerator.GetBytes(100), cts.Token);
        }

        Assert.Equal(4, echo.Accepted);
        Assert.Equal(3, lb.Engine.FrontendSlots("fe").Max);
        await lb.WaitForLogAsync(1);
        Assert.Equal(new TerminationState('-', '-'), Assert.Single(lb.Log).Termination);
        DisposeAll(held);
    }

    [Fact]
    public async Task GlobalMaxConn2_CapsTheProcess_AcrossFrontends()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)], configureEngine: e => e with { MaxConn = 2 });
        var held = await ConnectServedAsync(lb, 2, cts.Token);

        using var third = await lb.ConnectAsync();
        var answer = await SendAndWaitQuietAsync(third, cts.Token);

        Assert.Equal(2, lb.Engine.ActiveConnections);
        held[0].Dispose();
        Assert.Equal(Payload, await answer.WaitAsync(cts.Token));
        Assert.Equal(3, echo.Accepted);
        DisposeAll(held);
    }

    [Fact]
    public async Task BindMaxConn1_LimitsThatBindOnly_TheFrontendsOtherBindStillAccepts()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        var limited = new IPEndPoint(IPAddress.Loopback, FreePort());
        var other = new IPEndPoint(IPAddress.Loopback, FreePort());
        await using var lb = await EngineFixture.StartAsync(
            [EngineFixture.Server(1, echo.EndPoint)],
            f => f with { BindLimits = [new BindLimit(1, [limited])] },
            bind: [limited, other]);
        using var first = await lb.ConnectAsync(limited);
        await SocketIo.RoundTripAsync(first, Payload, cts.Token);

        using var second = await lb.ConnectAsync(limited);
        var answer = await SendAndWaitQuietAsync(second, cts.Token);
        using var elsewhere = await lb.ConnectAsync(other);
        await SocketIo.RoundTripAsync(elsewhere, Payload, cts.Token);
        Assert.False(answer.IsCompleted);

        first.Dispose();
        Assert.Equal(Payload, await answer.WaitAsync(cts.Token));
    }

    [Fact]
    public async Task ManyWaiting_AreAllServedInTurn_NoWakeUpLost()
    {
        // Twenty clients through a frontend of maxconn 2 on two loops: each closes after its answer, which must let the
        // next one in, wherever its connection waits.
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)], f => f with { MaxConn = 2 });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            using var client = await lb.ConnectAsync();
            await SocketIo.RoundTripAsync(client, RandomNumberGenerator.GetBytes(64), cts.Token);
        })));

        await lb.WaitForLogAsync(20);
        Assert.Equal(20, echo.Accepted);
        Assert.InRange(lb.Engine.FrontendSlots("fe").Max, 1, 2);
        Assert.All(lb.Log, e => Assert.Equal(new TerminationState('-', '-'), e.Termination));
    }

    private static readonly byte[] Payload = [1, 2, 3, 4, 5, 6, 7, 8];

    private static async Task<List<Socket>> ConnectServedAsync(EngineFixture lb, int count, CancellationToken ct)
    {
        var held = new List<Socket>();
        for (var i = 0; i < count; i++)
        {
            held.Add(await lb.ConnectAsync());
            await SocketIo.RoundTripAsync(held[i], Payload, ct);
        }

        return held;
    }

    /// <summary>Sends the payload; asserts nothing comes back for a while (the connection waits in the backlog); returns the pending answer.</summary>
    private static async Task<Task<byte[]>> SendAndWaitQuietAsync(Socket client, CancellationToken ct)
    {
        await client.SendAsync(Payload, ct);
        var answer = SocketIo.ReadExactlyAsync(client, Payload.Length, ct);
        await Task.WhenAny(answer, Task.Delay(Quiet, ct));
        Assert.False(answer.IsCompleted, "a connection beyond maxconn was served (or closed) instead of waiting in the backlog");
        return answer;
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static void DisposeAll(List<Socket> sockets) => sockets.ForEach(s => s.Dispose());
}
