using HaKube.Common.Admin;
using HaKube.NetLab;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>Follows tcplb's readiness topic from the test (the admin socket is a file on the machine's disk).</summary>
internal sealed class ReadinessRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReadinessEvent> _events = [];
    private readonly Task _follow;

    public ReadinessRecorder(string socket) => _follow = FollowAsync(socket);

    public IReadOnlyList<ReadinessEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Task WaitForAsync(Func<ReadinessEvent, bool> match, string what)
        => Wait.UntilAsync(() => Events.Any(match), TimeSpan.FromSeconds(30), "readiness: " + what);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _follow.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task FollowAsync(string socket)
    {
        await foreach (var e in AdminClient.SubscribeAsync(socket, "readiness", TcplbJsonContext.Default.ReadinessEvent, cancellationToken: _stop.Token))
        {
            lock (_events)
            {
                _events.Add(e);
            }
        }
    }
}
