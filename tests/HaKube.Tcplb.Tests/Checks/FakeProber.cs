using System.Threading.Channels;
using HaKube.Tcplb.Checks;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>Hands every probe to the test, which ends it by hand; probes hang until then (or until cancelled).</summary>
internal sealed class FakeProber(TimeProvider time) : IServerProber
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly Channel<PendingProbe> _started = Channel.CreateUnbounded<PendingProbe>();

    public async ValueTask<ProbeResult> ProbeAsync(CheckTarget target, CancellationToken cancellationToken)
    {
        var probe = new PendingProbe(target, time.GetUtcNow(), cancellationToken);
        probe.EndOnCancellation();
        _started.Writer.TryWrite(probe);
        return await probe.Result;
    }

    /// <summary>The next probe the service starts, waiting at most <see cref="Bound"/> of real time.</summary>
    public async Task<PendingProbe> NextAsync()
    {
        using var cts = new CancellationTokenSource(Bound);
        return await _started.Reader.ReadAsync(cts.Token);
    }

    public bool TryNext(out PendingProbe? probe) => _started.Reader.TryRead(out probe);
}
