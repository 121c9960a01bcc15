using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class ForwardingTests
{
    [Fact]
    public async Task LargeRandomPayload_ArrivesIdentical_BothWays()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)]);
        using var client = await lb.ConnectAsync();

        var payload = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);
        var received = await SocketIo.SendAllAndReadToEndAsync(client, payload, cts.Token);

        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(received));
        await lb.WaitForLogAsync(1);
        var entry = Assert.Single(lb.Log);
        Assert.Equal(TerminationState.Normal, entry.Termination);
        Assert.Equal(payload.Length, entry.BytesRead);
        Assert.Equal(payload.Length, entry.BytesUploaded);
    }

    [Fact]
    public async Task ConcurrentBulkStreams_SomeInEnlargedPipes_ArriveIdentical_AndTheBudgetComesBack()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        var budget = new LargePipeBudget(1L << 20, 1 << 20);
        await using var echo = TestServer.Echo();
        await using (var lb = await EngineFixture.StartAsync(
            [EngineFixture.Server(1, echo.EndPoint)],
            configureEngine: o => o with { LargePipes = budget }))
        {
            // Four streams, two directions each, and budget for one 1 MiB pipe: the rest splice through default pipes.
            var streams = Enumerable.Range(0, 4).Select(async _ =>
            {
                using var client = await lb.ConnectAsync();
                var payload = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
                var received = await SocketIo.SendAllAndReadToEndAsync(client, payload, cts.Token);
                Assert.Equal(SHA256.HashData(payload), SHA256.HashData(received));
            });
            await Task.WhenAll(streams);
            await lb.WaitForLogAsync(4);
            Assert.All(lb.Log, e => Assert.Equal(TerminationState.Normal, e.Termination));
            Assert.True(budget.Available < budget.Total, "no stream took the enlarged pipe");
        }

        Assert.Equal(budget.Total, budget.Available);
    }

    [Fact]
    public async Task SmallAndBoundarySizedMessages_RoundTripInOrder_CopiedOrSpliced()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)]);
        using var client = await lb.ConnectAsync();

        // Sizes below, at and above the copy buffer: a read that fills it switches its direction to splicing, and the
        // next small message must be copied again, after every spliced byte.
        int[] sizes = [1, 70, 337, EventLoop.CopySize - 1, EventLoop.CopySize, EventLoop.CopySize + 1, 3 * EventLoop.CopySize, 5, 200_000, 12];
        long total = 0;
        for (var i = 0; i < 400; i++)
        {
            var size = sizes[i % sizes.Length];
            await SocketIo.RoundTripAsync(client, RandomNumberGenerator.GetBytes(size), cts.Token);
            total += size;
        }

        client.Shutdown(SocketShutdown.Send);
        Assert.Empty(await SocketIo.ReadToEndAsync(client, cts.Token));
        await lb.WaitForLogAsync(1);
        var entry = Assert.Single(lb.Log);
        Assert.Equal(TerminationState.Normal, entry.Termination);
        Assert.Equal(total, entry.BytesUploaded);
        Assert.Equal(total, entry.BytesRead);
    }

    [Fact]
    public async Task SmallWritesToAServerThatStopsReading_AllArriveInOrder()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        var clientStalled = new TaskCompletionSource();
        var serverGot = new TaskCompletionSource<byte[]>();
        // Speaks first (so the session commits), then reads nothing until every buffer between it and the client is full.
        await using var server = new TestServer(async (s, ct) =>
        {
            await s.SendAsync("ready"u8.ToArray(), ct);
            await clientStalled.Task.WaitAsync(ct);
            serverGot.SetResult(await SocketIo.ReadToEndAsync(s, ct));
        });
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, server.EndPoint)]);
        using var client = await lb.ConnectAsync();
        Assert.Equal("ready", Encoding.ASCII.GetString(await SocketIo.ReadExactlyAsync(client, 5, cts.Token)));

        // Small writes as fast as the path takes them: the balancer copies them, parks what the server cannot take, and
        // stops reading until it is sent. A write that would block means the whole path is full.
        var payload = RandomNumberGenerator.GetBytes(64 * 1024 * 1024);
        var sent = 0;
        client.Blocking = false;
        while (sent < payload.Length)
        {
            var n = client.Send(payload, sent, Math.Min(1000, payload.Length - sent), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                break;
            }

            Assert.Equal(SocketError.Success, error);
            sent += n;
        }

        Assert.True(sent < payload.Length, "64 MiB fit in the buffers between client and server: the server never had to stall the path");
        client.Blocking = true;
        clientStalled.SetResult();
        await client.SendAsync(payload.AsMemory(sent), cts.Token);
        client.Shutdown(SocketShutdown.Send);

        var got = await serverGot.Task.WaitAsync(cts.Token);
        Assert.Equal(payload.Length, got.Length);
        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(got));
    }

    [Fact]
    public async Task SmallMessageWithFin_InOneBurst_ReachesServerWithTheFin()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var server = TestServer.AnswerAtFin(request => $"got {Encoding.ASCII.GetString(request)}");
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, server.EndPoint)]);

        // Many sessions: in some the bytes and the FIN reach the balancer in one event, and a short read must not be
        // taken for "drained" then (no later event would report the FIN).
        for (var i = 0; i < 50; i++)
        {
            using var client = await lb.ConnectAsync();
            client.Send(Encoding.ASCII.GetBytes($"ping {i}"));
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal($"got ping {i}", Encoding.ASCII.GetString(await SocketIo.ReadToEndAsync(client, cts.Token)));
        }

        await lb.WaitForLogAsync(50);
        Assert.All(lb.Log, e => Assert.Equal(TerminationState.Normal, e.Termination));
    }

    [Fact]
    public async Task ClientHalfClose_ReachesServer_AndServerStillAnswers()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var server = TestServer.AnswerAtFin(request => $"got {request.Length}");
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, server.EndPoint)]);
        using var client = await lb.ConnectAsync();

        await client.SendAsync(new byte[100_000], cts.Token);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("got 100000", Encoding.ASCII.GetString(await SocketIo.ReadToEndAsync(client, cts.Token)));
        await lb.WaitForLogAsync(1);
        Assert.Equal(TerminationState.Normal, Assert.Single(lb.Log).Termination);
    }

    [Fact]
    public async Task ServerHalfClose_ReachesClient_AndClientStillSends()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        var serverGot = new TaskCompletionSource<string>();
        // Greets, shuts its sending side, then still reads what the client sends after that.
        await using var server = new TestServer(async (s, ct) =>
        {
            await s.SendAsync(Encoding.ASCII.GetBytes("hello"), ct);
            s.Shutdown(SocketShutdown.Send);
            serverGot.SetResult(Encoding.ASCII.GetString(await SocketIo.ReadToEndAsync(s, ct)));
        });
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, server.EndPoint)]);
        using var client = await lb.ConnectAsync();

        // The client speaks first so the server's greeting is not its first byte... it is: the engine must accept a server that speaks first too.
        Assert.Equal("hello", Encoding.ASCII.GetString(await SocketIo.ReadToEndAsync(client, cts.Token)));
        await client.SendAsync(Encoding.ASCII.GetBytes("after your FIN"), cts.Token);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("after your FIN", await serverGot.Task.WaitAsync(cts.Token));
        await lb.WaitForLogAsync(1);
        Assert.Equal(TerminationState.Normal, Assert.Single(lb.Log).Termination);
    }

    [Fact]
    public async Task ServerReset_ClosesClient()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var server = new TestServer(async (s, ct) =>
        {
            var buffer = new byte[16];
            _ = await s.ReceiveAsync(buffer, ct);
            await s.SendAsync(Encoding.ASCII.GetBytes("bye"), ct);
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        });
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, server.EndPoint)]);
        using var client = await lb.ConnectAsync();

        await client.SendAsync(Encoding.ASCII.GetBytes("hi"), cts.Token);
        Assert.True(await SocketIo.IsClosedByPeerAsync(client, cts.Token));
        await lb.WaitForLogAsync(1);
        Assert.Equal('S', Assert.Single(lb.Log).Termination.Cause);
    }

    [Fact]
    public async Task Ipv6Loopback_Forwards()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo(IPAddress.IPv6Loopback);
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)], bind: [new IPEndPoint(IPAddress.IPv6Loopback, 0)]);
        using var client = await lb.ConnectAsync();

        await SocketIo.RoundTripAsync(client, RandomNumberGenerator.GetBytes(70_000), cts.Token);
        Assert.Equal(1, lb.Engine.ActiveConnections);
        Assert.Equal(1, lb.Engine.FrontendConnections("fe"));
    }
}
