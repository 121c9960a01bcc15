using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Health;

/// <summary>
/// The health of a backend's servers, fed with check results and failed connects, returning the events they cause.
/// Time comes in as arguments. Not thread-safe: owned by one loop.
/// </summary>
internal sealed class BackendHealth
{
    private readonly BackendOptions _backend;
    private readonly ServerHealthState[] _states;

    public BackendHealth(BackendOptions backend)
    {
        _backend = backend;
        _states = [.. backend.Servers.Select(s => ServerHealth.Initial(s.Check))];
        HealthyCount = _states.Length;
    }

    public int HealthyCount { get; private set; }

    public int Total => _states.Length;

    public ServerHealthState this[int server] => _states[server];

    public TimeSpan NextCheckDelay(int server) => ServerHealth.NextCheckDelay(_states[server], _backend.Servers[server].Check);

    public bool ShouldCloseSessions(int server, DateTimeOffset now) => ServerHealth.ShouldCloseSessions(_states[server], now);

    /// <summary>Carries a server's state over a reload (same server, same check settings); raises no event.</summary>
    public void Restore(int server, ServerHealthState state)
    {
        if (_states[server].IsUp != state.IsUp)
        {
            HealthyCount += state.IsUp ? 1 : -1;
        }

        _states[server] = state;
    }

    public IReadOnlyList<HealthEvent> ReportCheck(int server, CheckOutcome outcome, DateTimeOffset now)
    {
        var options = _backend.Servers[server];
        return Apply(server, ServerHealth.OnCheck(_states[server], options.Check, options.SessionCloseGrace, outcome, now), outcome.Detail, now);
    }

    public IReadOnlyList<HealthEvent> ReportConnectFailure(int server, string detail, DateTimeOffset now)
        => Apply(server, ServerHealth.OnConnectFailed(_states[server], _backend.Servers[server].Check, now), detail, now);

    private List<HealthEvent> Apply(int server, HealthTransition transition, string detail, DateTimeOffset now)
    {
        var wasUp = _states[server].IsUp;
        _states[server] = transition.State;
        if (!transition.Changed)
        {
            return [];
        }

        var name = _backend.Servers[server].Name;
        var events = new List<HealthEvent>(2);
        if (transition.WentUp)
        {
            events.Add(new ServerUpEvent(_backend.Name, name, server, now));
        }
        else
        {
            events.Add(new ServerDownEvent(_backend.Name, name, server, transition.State.DownReason!.Value, detail, transition.State.CloseSessionsAt, now));
        }

        if (wasUp != transition.State.IsUp)
        {
            HealthyCount += transition.State.IsUp ? 1 : -1;
            events.Add(new HealthyCountChangedEvent(_backend.Name, HealthyCount, Total, now));
        }

        return events;
    }
}
