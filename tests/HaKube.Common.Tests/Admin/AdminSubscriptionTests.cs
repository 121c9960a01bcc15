using HaKube.Common.Admin;
using HaKube.Common.Tests.Support;

namespace HaKube.Common.Tests.Admin;

public sealed class AdminSubscriptionTests : IAsyncLifetime, IDisposable
{
    private static readonly TestAdminJsonContext Json = TestAdminJsonContext.Default;

    private readonly TempDirectory _dir = new();
    private AdminServer _server = null!;
    private AdminTopic<Readiness> _readiness = null!;

    private string SocketPath => _dir.File("admin.sock");

    public Task InitializeAsync()
    {
        _server = new AdminServer(new AdminServerOptions { SocketPath = SocketPath, DaemonName = "tcplb" });
        _readiness = _server.AddTopic("readiness", Json.Readiness);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Subscriber_GetsCurrentStateFirst_ThenEachChange_WithoutPolling()
    {
        _readiness.Publish(new Readiness(true, 3));
        using var cancel = new CancellationTokenSource();
        await using var events = AdminClient.SubscribeAsync(SocketPath, "readiness", Json.Readiness, cancellationToken: cancel.Token).GetAsyncEnumerator(cancel.Token);

        Assert.True(await Until.DoneAsync(events.MoveNextAsync().AsTask(), "current state"));
        Assert.Equal(new Readiness(true, 3), events.Current);

        _readiness.Publish(new Readiness(true, 0));
        Assert.True(await Until.DoneAsync(events.MoveNextAsync().AsTask(), "first change"));
        Assert.Equal(new Readiness(true, 0), events.Current);

        _readiness.Publish(new Readiness(false, 0));
        Assert.True(await Until.DoneAsync(events.MoveNextAsync().AsTask(), "second change"));
        Assert.Equal(new Readiness(false, 0), events.Current);
    }

    [Fact]
    public async Task ClientThatLeaves_IsUnsubscribed()
    {
        using var cancel = new CancellationTokenSource();
        var events = AdminClient.SubscribeAsync(SocketPath, "readiness", cancellationToken: cancel.Token).GetAsyncEnumerator(cancel.Token);
        var first = events.MoveNextAsync().AsTask();
        await Until.TrueAsync(() => _readiness.SubscriberCount == 1, "subscribed");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await events.DisposeAsync();

        await Until.TrueAsync(() => _readiness.SubscriberCount == 0, "unsubscribed after the client left");
    }

    [Fact]
    public async Task DaemonStops_SubscriberSeesDisconnected()
    {
        _readiness.Publish(new Readiness(true, 1));
        var options = new AdminClientOptions { DaemonName = "tcplb" };
        await using var events = AdminClient.SubscribeAsync(SocketPath, "readiness", Json.Readiness, options).GetAsyncEnumerator();
        Assert.True(await Until.DoneAsync(events.MoveNextAsync().AsTask(), "current state"));

        await _server.DisposeAsync();

        var e = await Assert.ThrowsAsync<AdminClientException>(() => Until.DoneAsync(events.MoveNextAsync().AsTask(), "end of stream"));
        Assert.Equal(AdminErrorKind.Disconnected, e.Kind);
        Assert.Contains("tcplb closed the admin connection", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTopic_Fails()
    {
        await using var events = AdminClient.SubscribeAsync(SocketPath, "nope").GetAsyncEnumerator();

        var e = await Assert.ThrowsAsync<AdminClientException>(() => events.MoveNextAsync().AsTask());

        Assert.Equal(AdminErrorKind.CommandFailed, e.Kind);
        Assert.Contains("unknown topic 'nope' (topics: readiness)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManySubscribers_AllReceiveTheSameChange()
    {
        var followers = Enumerable.Range(0, 5)
            .Select(_ => AdminClient.SubscribeAsync(SocketPath, "readiness", Json.Readiness).GetAsyncEnumerator())
            .ToList();
        try
        {
            var firsts = followers.Select(f => f.MoveNextAsync().AsTask()).ToList();
            await Until.TrueAsync(() => _readiness.SubscriberCount == 5, "five subscribers");

            _readiness.Publish(new Readiness(true, 2));

            foreach (var (follower, first) in followers.Zip(firsts))
            {
                Assert.True(await Until.DoneAsync(first, "event"));
                Assert.Equal(new Readiness(true, 2), follower.Current);
            }
        }
        finally
        {
            foreach (var follower in followers)
            {
                await follower.DisposeAsync();
            }
        }
    }
}
