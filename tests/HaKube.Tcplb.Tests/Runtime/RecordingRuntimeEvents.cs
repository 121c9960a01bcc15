using System.Collections.Concurrent;
using HaKube.Tcplb.Health;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Tests.Runtime;

/// <summary>Records what backends tell the daemon; <paramref name="onHealth"/> sees each health event as it comes.</summary>
internal sealed class RecordingRuntimeEvents(Action<HealthEvent>? onHealth = null) : IRuntimeEvents
{
    public ConcurrentQueue<HealthEvent> Health { get; } = new();

    public ConcurrentQueue<(string Server, AdminState Previous)> Admin { get; } = new();

    public ConcurrentQueue<string> Closed { get; } = new();

    public void HealthChanged(BackendRuntime backend, HealthEvent healthEvent)
    {
        onHealth?.Invoke(healthEvent);
        Health.Enqueue(healthEvent);
    }

    public void AdminChanged(BackendRuntime backend, ServerRuntime server, AdminState previous) => Admin.Enqueue((server.Name, previous));

    public void CloseSessions(BackendRuntime backend, ServerRuntime server) => Closed.Enqueue(server.Name);
}
