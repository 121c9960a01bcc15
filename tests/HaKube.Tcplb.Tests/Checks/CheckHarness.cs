using System.Collections.Concurrent;
using HaKube.NetLab;
using HaKube.Tcplb.Checks;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>A <see cref="HealthCheckService"/> on virtual time with a <see cref="FakeProber"/>, recording its events.</summary>
internal sealed class CheckHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private CheckHarness(BackendOptions[] backends, double jitter, int seed)
    {
        Prober = new FakeProber(Time);
        Service = new HealthCheckService(backends, Events.Enqueue, Time, NullLoggerFactory.Instance, Prober, jitter, new Random(seed));
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public FakeProber Prober { get; }

    public HealthCheckService Service { get; }

    public ConcurrentQueue<HealthEvent> Events { get; } = new();

    public static CheckHarness Start(double jitter = 0, int seed = 1, params BackendOptions[] backends)
    {
        var harness = new CheckHarness(backends, jitter, seed);
        harness.Service.Start();
        return harness;
    }

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

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}
