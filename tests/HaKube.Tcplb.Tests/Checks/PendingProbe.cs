using HaKube.Tcplb.Checks;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>A probe the service started on a <see cref="FakeProber"/>; the test decides how it ends.</summary>
internal sealed class PendingProbe(CheckTarget target, DateTimeOffset startedAt, CancellationToken cancellation)
{
    private readonly TaskCompletionSource<ProbeResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CheckTarget Target { get; } = target;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public CancellationToken Cancellation { get; } = cancellation;

    public Task<ProbeResult> Result => _result.Task;

    public void Pass() => _result.TrySetResult(new ProbeResult(CheckStatus.Layer7Ok, "200 OK"));

    public void Fail() => _result.TrySetResult(new ProbeResult(CheckStatus.Layer7Status, "500 Internal Server Error"));

    /// <summary>As a real probe: cancellation (the check's bound) ends it as a timeout.</summary>
    public void EndOnCancellation() => Cancellation.Register(() => _result.TrySetResult(new ProbeResult(CheckStatus.Layer4Timeout)));
}
