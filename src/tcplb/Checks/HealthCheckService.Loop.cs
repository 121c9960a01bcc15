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

    /// <summary>The backend's health of a server changed (any thread: the loop's own report, or a data-plane thread after a failed connect).</summary>
    private void OnHealthEvent(int b, HealthEvent e)
    {
        var server = e switch
        {
            ServerUpEvent up => up.Index,
            ServerDownEvent down => down.Index,
            _ => -1,
        };
        if (server >= 0)
        {
            _inbox.Writer.TryWrite(new CheckMessage(CheckMessageKind.HealthChanged, b, server, PassiveDown: e is ServerDownEvent { Reason: DownReason.ConnectFailed }));
        }
    }

    private void Handle(CheckMessage message)
    {
        var (b, s) = (message.Backend, message.Server);
        var slot = _slots[b][s];
        var target = _backendTargets[b];
        switch (message.Kind)
        {
            case CheckMessageKind.Due when message.Generation == slot.Generation && slot.Probe is null:
                slot.NextCheckAt = null;
                if (target.IsCheckEnabled(s))
                {
                    slot.Probe = Task.Run(() => ProbeAsync(b, s));
                }
                else
                {
                    // In maintenance (HAProxy does not check it either): look again at the usual interval.
                    ScheduleCheck(b, s, NextDelay(b, s));
                }

                break;

            case CheckMessageKind.Completed:
                slot.Probe = null;
                slot.LastResult = message.Result;
                slot.LastDuration = message.Duration;
                _metrics.Record(_backends[b].Name, _backends[b].Servers[s].Name, message.Result, message.Duration);
                Log.CheckResult(_logger, _backends[b].Name, _backends[b].Servers[s].Name, message.Result);
                target.Report(s, message.Result.ToOutcome());
                SyncYarp(b, s);
                ScheduleCheck(b, s, NextDelay(b, s));
                break;

            case CheckMessageKind.HealthChanged:
                SyncYarp(b, s);

                // Down after a failed connect: confirm at the down interval if that comes sooner than the check already planned.
                if (message.PassiveDown && slot.Probe is null && slot.NextCheckAt is { } planned)
                {
                    var delay = NextDelay(b, s);
                    if (_time.GetUtcNow() + delay < planned)
                    {
                        ScheduleCheck(b, s, delay);
                    }
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
        => CheckSpread.Jittered(_backendTargets[b].NextCheckDelay(s), _jitter, _random.NextDouble());

    private void ScheduleCheck(int b, int s, TimeSpan delay)
    {
        var slot = _slots[b][s];
        var generation = ++slot.Generation;
        slot.CheckTimer?.Dispose();
        slot.NextCheckAt = _time.GetUtcNow() + delay;
        slot.CheckTimer = _time.CreateTimer(
            _ => _inbox.Writer.TryWrite(new CheckMessage(CheckMessageKind.Due, b, s, generation)), null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// YARP's Health.Active mirrors the backend's health: Unknown until a server's first check, then Healthy or Unhealthy
    /// (a passive mark-down too: YARP's passive state would reactivate on a timer, tcplb's waits for rise checks). Only the
    /// loop writes it, always from the backend's current state, so it converges to that state whatever the order of events.
    /// </summary>
    private void SyncYarp(int b, int s)
    {
        var state = _backendTargets[b].State(s);
        var health = !state.IsUp ? DestinationHealth.Unhealthy : state.LastCheckAt is null ? DestinationHealth.Unknown : DestinationHealth.Healthy;
        if (_yarp.Destination(b, s).Health.Active != health)
        {
            _yarp.SetActive(b, s, health);
        }
    }

    private void PublishStatus(int b)
    {
        var backend = _backends[b];
        var target = _backendTargets[b];
        var servers = new ServerCheckStatus[backend.Servers.Length];
        var healthy = 0;
        for (var s = 0; s < servers.Length; s++)
        {
            var server = backend.Servers[s];
            var slot = _slots[b][s];
            var state = target.State(s);
            healthy += state.IsUp ? 1 : 0;
            servers[s] = new ServerCheckStatus(server.Name, s, server.Check.Enabled, server.Check.Type, state, server.Check.Rise, server.Check.Fall,
                slot.LastResult, slot.LastDuration, slot.NextCheckAt, slot.Probe is not null);
        }

        Volatile.Write(ref _status[b], new BackendCheckStatus(backend.Name, healthy, servers.Length, [.. servers]));
    }
}
