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
        var send = Task.Run(async () =>
        {
            await client.SendAsync(payload, cts.Token);
            client.Shutdown(SocketShutdown.Send);
        });
        var received = await SocketIo.ReadToEndAsync(client, cts.Token);
        await send;

        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(received));
        await lb.WaitForLogAsync(1);
        var entry = Assert.Single(lb.Log);
        Assert.Equal(TerminationState.Normal, entry.Termination);
        Assert.Equal(payload.Length, entry.BytesRead);
        Assert.Equal(payload.Length, entry.BytesUploaded);
    }

    [Fact]
    public async Task ClientHalfClose_ReachesServer_AndServerStillAnswers()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        // Reads the whole request up to the client's FIN, then answers with its length and closes.
        await using var server = new TestServer(async (s, ct) =>
        {
            var request = await SocketIo.ReadToEndAsync(s, ct);
            await s.SendAsync(Encoding.ASCII.GetBytes($"got {request.Length}"), ct);
            s.Shutdown(SocketShutdown.Send);
        });
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
