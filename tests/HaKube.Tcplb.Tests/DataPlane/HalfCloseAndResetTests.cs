using System.Net.Sockets;
using System.Text;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>The end of a connection: a server's reset after its last bytes, and the fin timeouts as HAProxy applies them.</summary>
public sealed class HalfCloseAndResetTests
{
    [Fact]
    public async Task ServerAnswersThenResets_TheClientGetsTheAnswer_AndTheRequestIsNotReplayed()
    {
        // The server answers and closes with unread bytes (linger 0 here): its data and its RST arrive together. Linux
        // hands the data out before the error; taking the reset for "failed before answering" would lose the answer and
        // send the request to a server again.
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var server = new TestServer(async (s, ct) =>
        {
            _ = await SocketIo.ReadExactlyAsync(s, 5, ct);
            await s.SendAsync(Encoding.ASCII.GetBytes("the answer"), ct);
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        });
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, server.EndPoint)]);

        using var client = await lb.ConnectAsync();
        await client.SendAsync(new byte[5], cts.Token);
        var answer = await SocketIo.ReadToEndAsync(client, cts.Token);

        Assert.Equal("the answer", Encoding.ASCII.GetString(answer));
        await lb.WaitForLogAsync(1);
        var entry = Assert.Single(lb.Log);
        Assert.Equal(0, entry.Retries);
        Assert.Equal(new TerminationState('S', 'D'), entry.Termination);
        Assert.Equal(1, server.Accepted);
        Assert.Empty(lb.Scheduler.Failures);
    }

    [Fact]
    public async Task ClientFin_DoesNotCutAHalfClosedClient_WaitingForASlowAnswer()
    {
        // HAProxy applies client-fin once it has shut its write to the client; a client that ended its request
        // (shutdown(SHUT_WR)) while the server is still working is waited for under the server timeout.
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var server = new TestServer(async (s, ct) =>
        {
            _ = await SocketIo.ReadToEndAsync(s, ct);
            await Task.Delay(TimeSpan.FromMilliseconds(800), ct);
            await s.SendAsync(Encoding.ASCII.GetBytes("late answer"), ct);
            s.Shutdown(SocketShutdown.Send);
        });
        await using var lb = await EngineFixture.StartAsync(
            [EngineFixture.Server(1, server.EndPoint)],
            f => f with { Timeouts = f.Timeouts with { Tunnel = TimeSpan.FromHours(1), ClientFin = TimeSpan.FromMilliseconds(200) } });

        using var client = await lb.ConnectAsync();
        await client.SendAsync(new byte[5], cts.Token);
        client.Shutdown(SocketShutdown.Send);
        var answer = await SocketIo.ReadToEndAsync(client, cts.Token);

        Assert.Equal("late answer", Encoding.ASCII.GetString(answer));
        await lb.WaitForLogAsync(1);
        Assert.Equal(TerminationState.Normal, Assert.Single(lb.Log).Termination);
    }
}
