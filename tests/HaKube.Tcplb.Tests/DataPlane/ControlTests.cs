using System.Net.Sockets;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class ControlTests
{
    [Fact]
    public async Task StopListeners_RefusesNewConnections_KeepsEstablishedOnes()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)]);
        var endPoint = lb.EndPoint;
        using var established = await lb.ConnectAsync();
        await SocketIo.RoundTripAsync(established, [1, 2], cts.Token);

        await lb.Engine.StopListenersAsync("fe");

        await Assert.ThrowsAsync<SocketException>(async () => (await lb.ConnectAsync(endPoint)).Dispose());
        await SocketIo.RoundTripAsync(established, [3, 4], cts.Token);

        await lb.Engine.StartListenersAsync("fe");
        using var again = await lb.ConnectAsync();
        await SocketIo.RoundTripAsync(again, [5], cts.Token);
    }

    [Fact]
    public async Task CloseSessions_ClosesOnlyThatServersSessions_LoggedAsServerDown()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo1 = TestServer.Echo();
        await using var echo2 = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo1.EndPoint), EngineFixture.Server(2, echo2.EndPoint)]);
        using var a = await lb.ConnectAsync();
        using var b = await lb.ConnectAsync();
        await SocketIo.RoundTripAsync(a, [1], cts.Token);
        await SocketIo.RoundTripAsync(b, [1], cts.Token);

        Assert.Equal(1, await lb.Engine.CloseSessionsAsync(1));

        // Round-robin put one client on each server: exactly one is closed, the other still works.
        var closedA = await IsClosedOrWorksAsync(a, cts.Token);
        var closedB = await IsClosedOrWorksAsync(b, cts.Token);
        Assert.True(closedA ^ closedB);
        await lb.WaitForLogAsync(1);
        Assert.Equal(new TerminationState('D', 'D'), Assert.Single(lb.Log).Termination);
        Assert.Equal(1, lb.Engine.ActiveConnections);
    }

    [Fact]
    public async Task Drain_StopsListening_ThenClosesWhatOutlivesTheBound()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)]);
        using var client = await lb.ConnectAsync();
        await SocketIo.RoundTripAsync(client, [1], cts.Token);

        var killed = await lb.Engine.DrainAsync(TimeSpan.FromMilliseconds(200), cts.Token);

        Assert.Equal(1, killed);
        Assert.True(await SocketIo.IsClosedByPeerAsync(client, cts.Token));
        Assert.Equal(0, lb.Engine.ActiveConnections);
        await lb.WaitForLogAsync(1);
        Assert.Equal('K', Assert.Single(lb.Log).Termination.Cause);
    }

    private static async Task<bool> IsClosedOrWorksAsync(Socket s, CancellationToken ct)
    {
        try
        {
            await s.SendAsync(new byte[] { 7 }, ct);
            var buffer = new byte[1];
            return await s.ReceiveAsync(buffer, ct) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
