using System.Security.Cryptography;
using HaKube.NetLab;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class TimeoutTests
{
    [Fact]
    public async Task IdleClient_WithoutTunnel_IsClosedByClientTimeout()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync(
            [EngineFixture.Server(1, echo.EndPoint)],
            f => f with { Timeouts = new ProxyTimeouts { Client = TimeSpan.FromSeconds(1), Server = TimeSpan.FromSeconds(1), Tunnel = null } });
        using var client = await lb.ConnectAsync();
        await SocketIo.RoundTripAsync(client, [1, 2, 3], cts.Token);

        Assert.True(await SocketIo.IsClosedByPeerAsync(client, cts.Token));
        await lb.WaitForLogAsync(1);
        Assert.Equal('D', Assert.Single(lb.Log).Termination.Phase);
        Assert.Contains(Assert.Single(lb.Log).Termination.Cause, "cs");
    }

    [Fact]
    public async Task TunnelTimeout_KeepsIdleConnectionOpen_PastClientTimeout()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        var shortIdle = new ProxyTimeouts { Client = TimeSpan.FromSeconds(1), Server = TimeSpan.FromSeconds(1), Tunnel = null };
        await using var plain = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)], f => f with { Timeouts = shortIdle });
        await using var tunnel = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)], f => f with { Timeouts = shortIdle with { Tunnel = TimeSpan.FromHours(1) } });
        using var idle = await plain.ConnectAsync();
        using var tunnelled = await tunnel.ConnectAsync();
        await SocketIo.RoundTripAsync(idle, [1], cts.Token);
        await SocketIo.RoundTripAsync(tunnelled, [1], cts.Token);

        // Once the same idle period closed the connection without a tunnel timeout, the tunnelled one is still usable.
        Assert.True(await SocketIo.IsClosedByPeerAsync(idle, cts.Token));
        await SocketIo.RoundTripAsync(tunnelled, RandomNumberGenerator.GetBytes(1000), cts.Token);
        Assert.Equal(1, tunnel.Engine.ActiveConnections);
    }

    [Fact]
    public async Task ConnectTimeout_OnBlackholedServer_RetriesElsewhere()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        // A TEST-NET-1 address in a lab host with no route: the SYN goes nowhere... on loopback we cannot blackhole,
        // so a listener with a full backlog stands in: with backlog 0 and one pending connection, further SYNs are dropped.
        using var full = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        full.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        full.Listen(0);
        var fullEndPoint = (System.Net.IPEndPoint)full.LocalEndPoint!;
        var fillers = new List<System.Net.Sockets.Socket>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { Blocking = false };
                try
                {
                    s.Connect(fullEndPoint);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // EINPROGRESS for the one whose SYN is dropped.
                }

                fillers.Add(s);
            }

            await using var lb = await EngineFixture.StartAsync(
                [EngineFixture.Server(1, fullEndPoint), EngineFixture.Server(2, echo.EndPoint)],
                f => f with { Timeouts = f.Timeouts with { Connect = TimeSpan.FromMilliseconds(300) } });
            for (var i = 0; i < 2; i++)
            {
                using var client = await lb.ConnectAsync();
                await SocketIo.RoundTripAsync(client, [9, 9], cts.Token);
            }

            Assert.Contains((1, ConnectFailure.Timeout), lb.Scheduler.Failures);
        }
        finally
        {
            fillers.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task ClientFin_BoundsAHalfClosedConnection_UnderTunnel()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        // Reads to EOF and never answers nor closes: the half-closed session lingers until client-fin/server-fin.
        await using var server = new TestServer(async (s, ct) =>
        {
            _ = await SocketIo.ReadToEndAsync(s, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        await using var lb = await EngineFixture.StartAsync(
            [EngineFixture.Server(1, server.EndPoint)],
            f => f with { Timeouts = new ProxyTimeouts { Tunnel = TimeSpan.FromHours(1), ClientFin = TimeSpan.FromMilliseconds(300), ServerFin = TimeSpan.FromMilliseconds(300) } });
        using var client = await lb.ConnectAsync();
        await client.SendAsync(new byte[5], cts.Token);
        await Wait.UntilAsync(() => server.Accepted == 1, EngineFixture.Bound, "the server to accept");
        client.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        Assert.True(await SocketIo.IsClosedByPeerAsync(client, cts.Token));
        await lb.WaitForLogAsync(1);
    }
}
