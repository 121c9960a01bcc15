using System.Collections.Concurrent;
using HaKube.NetLab;
using HaKube.Tcplb.Checks;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Health;
using HaKube.Tcplb.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>
/// A <see cref="HealthCheckService"/> on virtual time with a <see cref="FakeProber"/>, checking real
/// <see cref="BackendRuntime"/>s (which own the health state, as in the daemon) and recording what they tell the daemon.
/// </summary>
internal sealed class CheckHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private CheckHarness(BackendOptions[] backends, double jitter, int seed, IReadOnlyList<ServerHealthState?>? restored)
    {
        Prober = new FakeProber(Time);
        Checked = CheckedBackends.Start(backends, Time, Prober, jitter, seed, restored: restored);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public FakeProber Prober { get; }

    public CheckedBackends Checked { get; }

    public HealthCheckService Service => Checked.Service;

    /// <summary>Health events the backends raised to the daemon.</summary>
    public ConcurrentQueue<HealthEvent> Events => Checked.Events.Health;

    /// <summary>Servers whose sessions the backends asked the daemon to close.</summary>
    public ConcurrentQueue<string> Closed => Checked.Events.Closed;

    public static CheckHarness Start(double jitter = 0, int seed = 1, params BackendOptions[] backends) => new(backends, jitter, seed, null);

    /// <summary>As after a reload: the backends start from <paramref name="restored"/> (per server of the single backend).</summary>
    public static CheckHarness StartRestored(IReadOnlyList<ServerHealthState?> restored, BackendOptions backend) => new([backend], 0, 1, restored);

    public BackendRuntime Backend(string name) => Checked.Backend(name);

    public ServerCheckStatus Server(string backend, int index) => Service.GetStatus(backend)!.Servers[index];

    /// <summary>When the server's next check is planned, once the loop has planned one after <paramref name="after"/>.</summary>
    public async Task<DateTimeOffset> NextCheckAfterAsync(string backend, int index, DateTimeOffset after)
    {
        DateTimeOffset? at = null;
        await Wait.UntilAsync(() => (at = Server(backend, index).NextCheckAt) is { } t && t > after, FakeProber.Bound, $"a check of {backend}/{index} planned after {after:O}");
        return at!.Value;
    }

    /// <summary>Moves virtual time to the planned check and returns the probe it starts.</summary>
    public async Task<PendingProbe> RunToCheckAsync(DateTimeOffset at)
    {
        var now = Time.GetUtcNow();
        Assert.True(at >= now, $"check planned in the past: {at:O} < {now:O}");
        Time.Advance(at - now);
        return await Prober.NextAsync();
    }

    /// <summary>The server's first check (planned at start; a check due at once may already be running).</summary>
    public async Task<PendingProbe> FirstCheckAsync(string backend, int index)
    {
        var status = Server(backend, index);
        return status.NextCheckAt is { } at && at > Time.GetUtcNow() ? await RunToCheckAsync(at) : await Prober.NextAsync();
    }

    public async Task<T> EventAsync<T>(Func<T, bool>? match = null) where T : HealthEvent
    {
        T? found = null;
        await Wait.UntilAsync(() => (found = Events.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true)) is not null, FakeProber.Bound, typeof(T).Name);
        return found!;
    }

    public async ValueTask DisposeAsync() => await Checked.DisposeAsync();
}
