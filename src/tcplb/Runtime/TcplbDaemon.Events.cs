using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Runtime;

/// <summary>Backend events: logs, the readiness stream, and closing a dead server's sessions.</summary>
internal sealed partial class TcplbDaemon
{
    private readonly Lock _readinessGate = new();
    private ReadinessEvent? _lastReadiness;

    public void HealthChanged(BackendRuntime backend, HealthEvent healthEvent)
    {
        switch (healthEvent)
        {
            case ServerUpEvent up:
                Log.ServerUp(_logger, backend.Name, up.Server, backend.HealthyCount, backend.Servers.Count);
                break;
            case ServerDownEvent down:
                Log.ServerDown(
                    _logger,
                    backend.Name,
                    down.Server,
                    down.Reason == DownReason.ConnectFailed ? "failed connect" : "checks",
                    down.Detail,
                    backend.HealthyCount,
                    backend.Servers.Count,
                    down.CloseSessionsAt is null ? "kept" : "closed after the grace");
                break;
        }

        PublishReadiness();
    }

    public void AdminChanged(BackendRuntime backend, ServerRuntime server, AdminState previous)
    {
        Log.AdminChanged(_logger, backend.Name, server.Name, previous.ToString().ToLowerInvariant(), server.Admin.ToString().ToLowerInvariant());
        PublishReadiness();
    }

    public void CloseSessions(BackendRuntime backend, ServerRuntime server)
    {
        if (_engine is { } engine)
        {
            _ = CloseSessionsAsync(engine, backend.Name, server);
        }
    }

    private async Task CloseSessionsAsync(DataPlane.ProxyEngine engine, string backend, ServerRuntime server)
    {
        try
        {
            var closed = await engine.CloseSessionsAsync(server.Id);
            Log.SessionsClosed(_logger, backend, server.Name, closed);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the drain closes them.
        }
    }

    /// <summary>Publishes the readiness topic when it differs from the last value (full state, never deltas).</summary>
    private void PublishReadiness()
    {
        if (_readiness is not { } topic || _model is not { } model)
        {
            return;
        }

        // Read and published under one lock: a health-check thread and a loop thread reporting at once must not
        // publish their views out of order, leaving the older one last.
        lock (_readinessGate)
        {
            var healthy = 0;
            var total = 0;
            foreach (var backend in model.UsedBackends())
            {
                healthy += backend.HealthyCount;
                total += backend.Servers.Count;
            }

            var value = new ReadinessEvent(Listening(), healthy, total, Environment.ProcessId);
            if (value == _lastReadiness)
            {
                return;
            }

            _lastReadiness = value;
            topic.Publish(value);
        }
    }
}
