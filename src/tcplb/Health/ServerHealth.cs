using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Health;

/// <summary>
/// The pure rules of one server's health (HAProxy 2.6 check.c): functions of (state, settings, input, now) returning
/// the new state; no clock, socket or logger.
/// </summary>
internal static class ServerHealth
{
    /// <summary>Servers start up: at rise, so a first failure before any success takes them down (HAProxy).</summary>
    public static ServerHealthState Initial(ServerCheckOptions check) => new() { Health = check.Rise, IsUp = true };

    /// <summary>
    /// A passed check adds one (capped at rise + fall - 1; reaching rise means fully up at once); a failed one removes
    /// one, and dropping below rise means down at 0. So a fully up server needs fall consecutive failures to go down and
    /// a down one rise consecutive successes to come up.
    /// </summary>
    public static HealthTransition OnCheck(ServerHealthState state, ServerCheckOptions check, SessionCloseGrace grace, CheckOutcome outcome, DateTimeOffset now)
    {
        var max = check.Rise + check.Fall - 1;
        state = state with { LastCheckAt = now, LastCheck = outcome };
        if (!check.Enabled)
        {
            return new HealthTransition(state, false, false);
        }

        if (outcome.Passed)
        {
            var health = Math.Min(state.Health + 1, max);
            if (health >= check.Rise)
            {
                health = max;
            }

            var wentUp = !state.IsUp && health >= check.Rise;
            state = state with { Health = health };
            return wentUp
                ? new HealthTransition(state with { IsUp = true, DownReason = null, CloseSessionsAt = null, LastChange = now }, true, false)
                : new HealthTransition(state, false, false);
        }

        var down = Math.Max(state.Health - 1, 0);
        if (down < check.Rise)
        {
            down = 0;
        }

        state = state with { Health = down };
        if (state.IsUp && down < check.Rise)
        {
            return new HealthTransition(MarkDownByChecks(state, grace, now) with { IsUp = false, LastChange = now }, false, true);
        }

        // Down after a failed connect, now confirmed by an active check: its sessions are closed after the grace too.
        if (!state.IsUp && state.DownReason == Health.DownReason.ConnectFailed)
        {
            return new HealthTransition(MarkDownByChecks(state, grace, now), false, true);
        }

        return new HealthTransition(state, false, false);
    }

    /// <summary>
    /// A forwarded connection could not connect: the server takes no new connection from now until rise checks pass
    /// (HAProxy's observe layer4 + on-error mark-down). Established sessions are never closed for this. A server
    /// without active checks is left up: nothing could bring it back.
    /// </summary>
    public static HealthTransition OnConnectFailed(ServerHealthState state, ServerCheckOptions check, DateTimeOffset now)
    {
        if (!check.Enabled || !check.PassiveMarkDown)
        {
            return new HealthTransition(state, false, false);
        }

        var wentDown = state.IsUp;
        state = state with { Health = 0 };
        return wentDown
            ? new HealthTransition(state with { IsUp = false, DownReason = Health.DownReason.ConnectFailed, CloseSessionsAt = null, LastChange = now }, false, true)
            : new HealthTransition(state, false, false);
    }

    /// <summary>
    /// Delay to the next check (HAProxy's srv_getinter): inter when fully up; downinter (or inter) when fully down;
    /// fastinter (or inter) while changing state or not yet checked.
    /// </summary>
    public static TimeSpan NextCheckDelay(ServerHealthState state, ServerCheckOptions check)
    {
        if (state.Health == check.Rise + check.Fall - 1)
        {
            return check.Inter;
        }

        if (!state.IsUp && state.Health == 0)
        {
            return check.DownInter ?? check.Inter;
        }

        return check.FastInter ?? check.Inter;
    }

    /// <summary>Whether the data plane must now close this server's established sessions.</summary>
    public static bool ShouldCloseSessions(ServerHealthState state, DateTimeOffset now)
        => !state.IsUp && state.CloseSessionsAt is { } at && now >= at;

    private static ServerHealthState MarkDownByChecks(ServerHealthState state, SessionCloseGrace grace, DateTimeOffset now)
        => state with { DownReason = Health.DownReason.ActiveCheck, CloseSessionsAt = grace.Delay is { } d ? now + d : null };
}
