using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Runtime;

/// <summary>What backends tell the daemon; called outside every backend lock, from any thread.</summary>
internal interface IRuntimeEvents
{
    /// <summary>A server went up or down, or a backend's healthy count changed.</summary>
    void HealthChanged(BackendRuntime backend, HealthEvent healthEvent);

    /// <summary>An operator changed a server's state.</summary>
    void AdminChanged(BackendRuntime backend, ServerRuntime server, AdminState previous);

    /// <summary>Active checks took <paramref name="server"/> down and its grace ran out: close its established sessions.</summary>
    void CloseSessions(BackendRuntime backend, ServerRuntime server);
}
