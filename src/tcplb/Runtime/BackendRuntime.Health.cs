using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Runtime;

/// <summary>Health inputs (check results, failed connects), operator state, and closing sessions after the grace.</summary>
internal sealed partial class BackendRuntime
{
    private readonly ITimer?[] _closeTimers;
    private Action<HealthEvent>? _healthObserver;

    /// <summary>See <see cref="HealthCheckTarget.Observe"/>.</summary>
    internal void SetHealthObserver(Action<HealthEvent>? observer) => Volatile.Write(ref _healthObserver, observer);

    /// <summary>An active check's result for server <paramref name="index"/>; thread-safe.</summary>
    public void ReportCheck(int index, CheckOutcome outcome)
    {
        IReadOnlyList<HealthEvent> events;
        lock (_gate)
        {
            if (Volatile.Read(ref _successor) is not null)
            {
                return;
            }

            var now = _time.GetUtcNow();
            if (!outcome.Passed)
            {
                _servers[index].FailedChecks++;
            }

            events = _health.ReportCheck(index, outcome, now);
            ApplyLocked(events, now);
        }

        Raise(events);
    }

    /// <summary>Whether server <paramref name="index"/> is to be checked now: configured so, and not in maintenance (as HAProxy).</summary>
    public bool IsCheckEnabled(int index)
    {
        lock (_gate)
        {
            return Options.Servers[index].Check.Enabled && _servers[index].Admin != AdminState.Maint && Volatile.Read(ref _successor) is null;
        }
    }

    /// <summary>inter, fastinter or downinter, from the server's current state.</summary>
    public TimeSpan NextCheckDelay(int index)
    {
        lock (_gate)
        {
            return _health.NextCheckDelay(index);
        }
    }

    /// <summary>Sets an operator state (HAProxy "set server BACKEND/SERVER state ready|drain|maint"); false when no such server.</summary>
    public bool SetAdminState(string serverName, AdminState state, out AdminState previous)
    {
        ServerRuntime? server = null;
        lock (_gate)
        {
            foreach (var s in _servers)
            {
                if (string.Equals(s.Name, serverName, StringComparison.Ordinal))
                {
                    server = s;
                    break;
                }
            }

            if (server is null)
            {
                previous = default;
                return false;
            }

            previous = server.Admin;
            server.Admin = state;
            if (previous != state)
            {
                server.LastChange = _time.GetUtcNow();
            }
        }

        if (previous != state)
        {
            _events.AdminChanged(this, server, previous);
            if (state == AdminState.Ready)
            {
                DispatchQueue();
            }
        }

        return true;
    }

    /// <summary>Passive check: the server failed a forwarded connection before answering.</summary>
    internal void OnConnectFailed(ServerRuntime server, ConnectFailure failure)
    {
        IReadOnlyList<HealthEvent> events;
        lock (_gate)
        {
            if (server.Owner != this || Volatile.Read(ref _successor) is not null)
            {
                return;
            }

            var now = _time.GetUtcNow();
            events = _health.ReportConnectFailure(server.Index, Describe(failure), now);
            ApplyLocked(events, now);
        }

        Raise(events);
    }

    private static string Describe(ConnectFailure failure) => failure switch
    {
        ConnectFailure.Refused => "connect failed",
        ConnectFailure.Timeout => "connect timeout",
        ConnectFailure.ResetBeforeResponse => "reset before answering",
        ConnectFailure.ClosedBeforeResponse => "closed before answering",
        _ => "no answer within timeout server",
    };

    private void ApplyLocked(IReadOnlyList<HealthEvent> events, DateTimeOffset now)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case ServerUpEvent up:
                {
                    var server = _servers[up.Index];
                    server.RecoveredAt = now;
                    server.LastChange = now;
                    if (server.DownSince is { } since)
                    {
                        server.DownTotal += now - since;
                        server.DownSince = null;
                    }

                    _closeTimers[up.Index]?.Dispose();
                    _closeTimers[up.Index] = null;
                    break;
                }

                case ServerDownEvent down:
                {
                    var server = _servers[down.Index];
                    if (server.DownSince is null)
                    {
                        server.DownSince = now;
                        server.Downs++;
                        server.LastChange = now;
                    }

                    if (down.CloseSessionsAt is { } at)
                    {
                        ArmCloseTimerLocked(down.Index, at, now);
                    }

                    break;
                }
            }
        }
    }

    private void Raise(IReadOnlyList<HealthEvent> events)
    {
        var anyUp = false;
        var observer = Volatile.Read(ref _healthObserver);
        foreach (var e in events)
        {
            observer?.Invoke(e);
            _events.HealthChanged(this, e);
            anyUp |= e is ServerUpEvent;
            if (e is ServerDownEvent { CloseSessionsAt: { } at } down && at <= down.At)
            {
                _events.CloseSessions(this, _servers[down.Index]);
            }
        }

        if (anyUp || events.Count > 0)
        {
            DispatchQueue();
        }
    }

    /// <summary>Closes the server's sessions at <paramref name="at"/> unless it comes back first; at once is handled by <see cref="Raise"/>.</summary>
    private void ArmCloseTimerLocked(int index, DateTimeOffset at, DateTimeOffset now)
    {
        _closeTimers[index]?.Dispose();
        _closeTimers[index] = null;
        var due = at - now;
        if (due <= TimeSpan.Zero)
        {
            return;
        }

        _closeTimers[index] = _time.CreateTimer(static state => CloseDue((ServerRuntime)state!), _servers[index], due, Timeout.InfiniteTimeSpan);
    }

    private static void CloseDue(ServerRuntime server)
    {
        var backend = server.Owner;
        lock (backend._gate)
        {
            if (Volatile.Read(ref backend._successor) is not null || !backend._health.ShouldCloseSessions(server.Index, backend._time.GetUtcNow()))
            {
                return;
            }
        }

        backend._events.CloseSessions(backend, server);
    }
}
