using HaKube.Tcplb.Health;
using Yarp.ReverseProxy.Model;

namespace HaKube.Tcplb.Checks;

internal sealed partial class HealthCheckService
{
    private async Task RunAsync()
    {
        var reader = _inbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token))
            {
                while (!_stop.IsCancellationRequested && reader.TryRead(out var message))
                {
                    Handle(message);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Handle(CheckMessage message)
    {
        var (b, s) = (message.Backend, message.Server);
        var slot = _slots[b][s];
        var now = _time.GetUtcNow();
        switch (message.Kind)
        {
            case CheckMessageKind.Due when message.Generation == slot.Generation && slot.Probe is null:
                slot.NextCheckAt = null;
                slot.Probe = Task.Run(() => ProbeAsync(b, s));
                break;

            case CheckMessageKind.Completed:
                slot.Probe = null;
                slot.LastResult = message.Result;
                slot.LastDuration = message.Duration;
                _metrics.Record(_backends[b].Name, _backends[b].Servers[s].Name, message.Result, message.Duration);
                Log.CheckResult(_logger, _backends[b].Name, _backends[b].Servers[s].Name, message.Result);
                // YARP first, so a subscriber reading IProxyStateLookup sees what the event says.
                var checkEvents = _health[b].ReportCheck(s, message.Result.ToOutcome(), now);
                SyncYarp(b, s);
                Raise(b, checkEvents);
                ScheduleCheck(b, s, NextDelay(b, s));
                break;

            case CheckMessageKind.ConnectFailed:
                var events = _health[b].ReportConnectFailure(s, message.Detail ?? "connect failed", now);
                SyncYarp(b, s);
                Raise(b, events);
                // Down now: confirm at the down interval if that comes sooner than the check already planned.
                if (events.Count > 0 && slot.Probe is null && slot.NextCheckAt is { } planned)
                {
                    var delay = NextDelay(b, s);
                    if (now + delay < planned)
                    {
                        ScheduleCheck(b, s, delay);
                    }
                }

                break;

            case CheckMessageKind.CloseSessionsDue when message.Generation == slot.CloseGeneration:
                if (_health[b].ShouldCloseSessions(s, now))
                {
                    Log.CloseSessions(_logger, _backends[b].Name, _backends[b].Servers[s].Name);
                    Deliver(new CloseSessionsEvent(_backends[b].Name, _backends[b].Servers[s].Name, s, now));
                }
                else if (_health[b][s] is { IsUp: false, CloseSessionsAt: { } at })
                {
                    // The timer ran ahead of the clock: wait for the rest.
                    ScheduleClose(b, s, at - now);
                }

                break;
        }

        PublishStatus(b);
    }

    private async Task ProbeAsync(int b, int s)
    {
        var target = _targets[b][s];
        var started = _time.GetTimestamp();
        ProbeResult result;
        using (var bound = new CancellationTokenSource(target.Timeouts.Total, _time))
        using (var probe = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, _stop.Token))
        {
            try
            {
                result = await _prober.ProbeAsync(target, probe.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return; // stopping: the probe was cancelled on purpose and its result is not wanted
            }
            catch (Exception e)
            {
                // A prober bug, not a server problem: log it loudly, count it as a failed check.
                Log.ProbeFaulted(_logger, target.Backend, target.Server, e);
                result = new ProbeResult(CheckStatus.SocketError, $"probe failed: {e.Message}");
            }
        }

        _inbox.Writer.TryWrite(new CheckMessage(CheckMessageKind.Completed, b, s, Result: result, Duration: _time.GetElapsedTime(started)));
    }

    private TimeSpan NextDelay(int b, int s)
        => CheckSpread.Jittered(_health[b].NextCheckDelay(s), _jitter, _random.NextDouble());

    private void ScheduleCheck(int b, int s, TimeSpan delay)
    {
        var slot = _slots[b][s];
        var generation = ++slot.Generation;
        slot.CheckTimer?.Dispose();
        slot.NextCheckAt = _time.GetUtcNow() + delay;
        slot.CheckTimer = _time.CreateTimer(
            _ => _inbox.Writer.TryWrite(new CheckMessage(CheckMessageKind.Due, b, s, generation)), null, delay, Timeout.InfiniteTimeSpan);
    }

    private void ScheduleClose(int b, int s, TimeSpan delay)
    {
        var slot = _slots[b][s];
        var generation = ++slot.CloseGeneration;
        slot.CloseTimer?.Dispose();
        slot.CloseTimer = _time.CreateTimer(
            _ => _inbox.Writer.TryWrite(new CheckMessage(CheckMessageKind.CloseSessionsDue, b, s, generation)), null,
            delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private void Raise(int b, IReadOnlyList<HealthEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case ServerUpEvent up:
                    _slots[b][up.Index].CloseTimer?.Dispose();
                    _slots[b][up.Index].CloseGeneration++;
                    Log.ServerUp(_logger, up.Backend, up.Server, _health[b][up.Index].LastCheck?.Detail ?? "");
                    break;
                case ServerDownEvent down:
                    Log.ServerDown(_logger, down.Backend, down.Server, down.Reason, down.Detail);
                    if (down.CloseSessionsAt is { } at)
                    {
                        ScheduleClose(b, down.Index, at - down.At);
                    }

                    break;
                case HealthyCountChangedEvent count:
                    Log.HealthyCount(_logger, count.Backend, count.Healthy, count.Total);
                    break;
            }

            Deliver(e);
        }
    }

    /// <summary>
    /// YARP's Health.Active says what tcplb decided: Unknown until a server's first check, then Healthy or Unhealthy
    /// (a passive mark-down too: YARP's passive state would reactivate on a timer, tcplb's waits for rise checks).
    /// </summary>
    private void SyncYarp(int b, int s)
    {
        var state = _health[b][s];
        var health = !state.IsUp ? DestinationHealth.Unhealthy : state.LastCheckAt is null ? DestinationHealth.Unknown : DestinationHealth.Healthy;
        if (_yarp.Destination(b, s).Health.Active != health)
        {
            _yarp.SetActive(b, s, health);
        }
    }

    private void Deliver(HealthEvent e)
    {
        try
        {
            _onEvent(e);
        }
        catch (Exception ex)
        {
            // The loop must outlive a faulty subscriber; the event is lost for it, and said so.
            Log.EventHandlerFailed(_logger, e.GetType().Name, ex);
        }
    }

    private void PublishStatus(int b)
    {
        var backend = _backends[b];
        var health = _health[b];
        var servers = new ServerCheckStatus[backend.Servers.Length];
        for (var s = 0; s < servers.Length; s++)
        {
            var server = backend.Servers[s];
            var slot = _slots[b][s];
            servers[s] = new ServerCheckStatus(server.Name, s, server.Check.Enabled, server.Check.Type, health[s], server.Check.Rise, server.Check.Fall,
                slot.LastResult, slot.LastDuration, slot.NextCheckAt, slot.Probe is not null);
        }

        Volatile.Write(ref _status[b], new BackendCheckStatus(backend.Name, health.HealthyCount, health.Total, [.. servers]));
    }
}
