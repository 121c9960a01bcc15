using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class RetryTests
{
    [Fact]
    public async Task RefusedServer_IsReportedAndRetriedOnAnother_ClientSeesSuccess()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        var dead = EngineFixture.Server(1, TestServer.ClosedPort());
        await using var lb = await EngineFixture.StartAsync([dead, EngineFixture.Server(2, echo.EndPoint)]);

        // Round-robin starts on either server; two connections make sure one of them hits the dead one first.
        for (var i = 0; i < 2; i++)
        {
            using var client = await lb.ConnectAsync();
            await SocketIo.RoundTripAsync(client, RandomNumberGenerator.GetBytes(1000), cts.Token);
        }

        Assert.Contains((1, ConnectFailure.Refused), lb.Scheduler.Failures);
        await lb.WaitForLogAsync(2);
        Assert.Contains(lb.Log, e => e.Retries == 1 && e.Server == "srv2");
    }

    [Fact]
    public async Task NoRedispatch_EveryRetryOnTheSameRefusingServer_ThenTheClientIsClosed()
    {
        // HAProxy's 'no option redispatch': retries 2 means three connects to the server the client was given, each after
        // the turn-around min(timeout connect, 1 s); the healthy server beside it is never tried.
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        var dead = EngineFixture.Server(1, TestServer.ClosedPort());
        await using var lb = await EngineFixture.StartAsync(
            [dead, EngineFixture.Server(2, echo.EndPoint)],
            f => f with
            {
                Retry = new RetryOptions { Retries = 2, Redispatch = false },
                Timeouts = f.Timeouts with { Connect = TimeSpan.FromMilliseconds(200) },
            });

        var echoed = 0;
        for (var i = 0; i < 2; i++)
        {
            using var client = await lb.ConnectAsync();
            await client.SendAsync(new byte[10], cts.Token);
            try
            {
                echoed += await client.ReceiveAsync(new byte[10], cts.Token) > 0 ? 1 : 0;
            }
            catch (SocketException)
            {
                // Closed with a reset: the client the dead server kept.
            }
        }

        Assert.Equal(1, echoed);
        await lb.WaitForLogAsync(2);
        var failed = Assert.Single(lb.Log, e => e.Server == "srv1");
        Assert.Equal((2, new TerminationState('S', 'C')), (failed.Retries, failed.Termination));
        Assert.InRange(failed.TotalMilliseconds, 2 * 200, 10_000);
        Assert.Equal(3, lb.Scheduler.Failures.Count(f => f.Server == 1));
        Assert.Equal(1, echo.Accepted);
    }

    [Fact]
    public async Task ServerClosingBeforeAnswer_IsRetried_WithHeldBytesReplayed()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var closing = TestServer.AcceptAndClose();
        var received = new TaskCompletionSource<byte[]>();
        await using var good = new TestServer(async (s, ct) =>
        {
            var request = await SocketIo.ReadExactlyAsync(s, 5000, ct);
            received.TrySetResult(request);
            await s.SendAsync(Encoding.ASCII.GetBytes("ok"), ct);
        });
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, closing.EndPoint), EngineFixture.Server(2, good.EndPoint)]);

        var request = RandomNumberGenerator.GetBytes(5000);
        for (var i = 0; i < 2; i++)
        {
            using var client = await lb.ConnectAsync();
            await client.SendAsync(request, cts.Token);
            Assert.Equal("ok", Encoding.ASCII.GetString(await SocketIo.ReadExactlyAsync(client, 2, cts.Token)));
        }

        Assert.Equal(request, await received.Task.WaitAsync(cts.Token));
        Assert.Contains(lb.Scheduler.Failures, f => f is (1, ConnectFailure.ClosedBeforeResponse or ConnectFailure.ResetBeforeResponse));
        Assert.True(closing.Accepted >= 1);
    }

    [Fact]
    public async Task SilentServer_CostsOnlyItsServerTimeout_ThenRetriedElsewhere()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var silent = TestServer.Silent();
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync(
            [EngineFixture.Server(1, silent.EndPoint), EngineFixture.Server(2, echo.EndPoint)],
            f => f with { Timeouts = f.Timeouts with { Server = TimeSpan.FromSeconds(1.5) } });

        var clients = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                clients.Add(await lb.ConnectAsync());
            }

            // All four succeed: those sent to the silent server after its timeout, the others at once.
            await Task.WhenAll(clients.Select(c => SocketIo.RoundTripAsync(c, RandomNumberGenerator.GetBytes(100), cts.Token)));
            Assert.Contains((1, ConnectFailure.ResponseTimeout), lb.Scheduler.Failures);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task SilentServer_Alone_ClientIsClosed_WithServerTimeoutState()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var silent = TestServer.Silent();
        await using var lb = await EngineFixture.StartAsync(
            [EngineFixture.Server(1, silent.EndPoint)],
            f => f with { Retry = f.Retry with { Retries = 0 }, Timeouts = f.Timeouts with { Server = TimeSpan.FromMilliseconds(200) } });
        using var client = await lb.ConnectAsync();

        await client.SendAsync(new byte[10], cts.Token);

        Assert.True(await SocketIo.IsClosedByPeerAsync(client, cts.Token));
        await lb.WaitForLogAsync(1);
        Assert.Equal(new TerminationState('s', 'D'), Assert.Single(lb.Log).Termination);
    }

    [Fact]
    public async Task AllServersRefuse_ClientIsClosedAtOnce_LoggedSC()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, TestServer.ClosedPort()), EngineFixture.Server(2, TestServer.ClosedPort())]);
        using var client = await lb.ConnectAsync();

        await client.SendAsync(new byte[10], cts.Token);

        Assert.True(await SocketIo.IsClosedByPeerAsync(client, cts.Token));
        await lb.WaitForLogAsync(1);
        var entry = Assert.Single(lb.Log);
        Assert.Equal(new TerminationState('S', 'C'), entry.Termination);
        Assert.Equal(1, entry.Retries);
        Assert.Equal(-1, entry.ConnectMilliseconds);
    }

    [Fact]
    public async Task ClientSendingMoreThanHeldBound_IsCommittedAndForwardedWhole()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        // Answers only after reading 1 MiB: the engine must forward past its 16 KiB held buffer without a server byte.
        await using var server = new TestServer(async (s, ct) =>
        {
            var body = await SocketIo.ReadExactlyAsync(s, 1 << 20, ct);
            await s.SendAsync(SHA256.HashData(body), ct);
        });
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, server.EndPoint)]);
        using var client = await lb.ConnectAsync();

        var body = RandomNumberGenerator.GetBytes(1 << 20);
        await client.SendAsync(body, cts.Token);

        Assert.Equal(SHA256.HashData(body), await SocketIo.ReadExactlyAsync(client, 32, cts.Token));
    }
}
