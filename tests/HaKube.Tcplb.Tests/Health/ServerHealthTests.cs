using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Health;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Tcplb.Tests.Health;

/// <summary>One test per rule of HAProxy's health state (check.c), on virtual time.</summary>
public sealed class ServerHealthTests
{
    // The guide's default-server: inter 10s downinter 5s rise 2 fall 2.
    private static readonly ServerCheckOptions Guide = new()
    {
        Enabled = true,
        Inter = TimeSpan.FromSeconds(10),
        DownInter = TimeSpan.FromSeconds(5),
        FastInter = TimeSpan.FromSeconds(1),
        Rise = 2,
        Fall = 2,
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static BackendOptions Backend(ServerCheckOptions check, SessionCloseGrace? grace = null) => new()
    {
        Name = "kube-apiserver",
        Servers =
        [
            new ServerOptions { Name = "m1", Address = new ServerAddress("10.0.0.1", null, 6443), Check = check, SessionCloseGrace = grace ?? SessionCloseGrace.Default },
            new ServerOptions { Name = "m2", Address = new ServerAddress("10.0.0.2", null, 6443), Check = check },
        ],
    };

    private ServerHealthState Apply(ServerHealthState state, params bool[] results)
    {
        foreach (var passed in results)
        {
            state = ServerHealth.OnCheck(state, Guide, SessionCloseGrace.Default, new CheckOutcome(passed, passed ? "ok" : "refused"), _clock.GetUtcNow()).State;
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        return state;
    }

    [Fact]
    public void Initial_ServerStartsUp_AtRise()
    {
        var state = ServerHealth.Initial(Guide);
        Assert.True(state.IsUp);
        Assert.Equal(Guide.Rise, state.Health);
    }

    [Fact]
    public void Initial_FirstFailureBeforeAnySuccess_MarksDown_AsHaproxy()
        => Assert.False(Apply(ServerHealth.Initial(Guide), false).IsUp);

    [Fact]
    public void FullyUp_FallConsecutiveFailures_MarkDown()
    {
        var state = Apply(ServerHealth.Initial(Guide), true);
        Assert.Equal(3, state.Health); // rise + fall - 1
        state = Apply(state, false);
        Assert.True(state.IsUp);
        state = Apply(state, false);
        Assert.False(state.IsUp);
        Assert.Equal(0, state.Health);
        Assert.Equal(DownReason.ActiveCheck, state.DownReason);
    }

    [Fact]
    public void FullyUp_ASuccessBetweenFailures_ResetsTheCount()
        => Assert.True(Apply(Apply(ServerHealth.Initial(Guide), true), false, true, false).IsUp);

    [Fact]
    public void Down_RiseConsecutiveSuccesses_MarkUp_FullyAtOnce()
    {
        var state = Apply(ServerHealth.Initial(Guide), false);
        state = Apply(state, true);
        Assert.False(state.IsUp);
        state = Apply(state, true);
        Assert.True(state.IsUp);
        Assert.Equal(3, state.Health);
        Assert.Null(state.DownReason);
    }

    [Fact]
    public void Down_AFailureWhileRising_StartsOver()
        => Assert.False(Apply(Apply(ServerHealth.Initial(Guide), false), true, false, true).IsUp);

    [Fact]
    public void NextCheck_FullyUp_Inter()
        => Assert.Equal(Guide.Inter, ServerHealth.NextCheckDelay(Apply(ServerHealth.Initial(Guide), true), Guide));

    [Fact]
    public void NextCheck_NotYetCheckedOrTransitional_FastInter()
    {
        Assert.Equal(Guide.FastInter, ServerHealth.NextCheckDelay(ServerHealth.Initial(Guide), Guide));
        Assert.Equal(Guide.FastInter, ServerHealth.NextCheckDelay(Apply(ServerHealth.Initial(Guide), true, false), Guide));
        Assert.Equal(Guide.FastInter, ServerHealth.NextCheckDelay(Apply(ServerHealth.Initial(Guide), false, true), Guide));
    }

    [Fact]
    public void NextCheck_FullyDown_DownInter()
        => Assert.Equal(Guide.DownInter, ServerHealth.NextCheckDelay(Apply(ServerHealth.Initial(Guide), false), Guide));

    [Fact]
    public void NextCheck_WithoutFastOrDownInter_Inter()
    {
        var plain = Guide with { FastInter = null, DownInter = null };
        Assert.Equal(plain.Inter, ServerHealth.NextCheckDelay(ServerHealth.Initial(plain), plain));
        var down = ServerHealth.OnConnectFailed(ServerHealth.Initial(plain), plain, _clock.GetUtcNow()).State;
        Assert.Equal(plain.Inter, ServerHealth.NextCheckDelay(down, plain));
    }

    [Fact]
    public void ConnectFailed_MarksDownAtOnce_NeverClosesSessions_UntilRiseChecksPass()
    {
        var up = Apply(ServerHealth.Initial(Guide), true);
        var t = ServerHealth.OnConnectFailed(up, Guide, _clock.GetUtcNow());
        Assert.True(t.WentDown);
        Assert.Equal(DownReason.ConnectFailed, t.State.DownReason);
        Assert.Null(t.State.CloseSessionsAt);
        Assert.False(ServerHealth.ShouldCloseSessions(t.State, _clock.GetUtcNow() + TimeSpan.FromDays(1)));
        Assert.False(Apply(t.State, true).IsUp);
        Assert.True(Apply(t.State, true, true).IsUp);
    }

    [Fact]
    public void ConnectFailed_ServerWithoutActiveChecks_StaysUp()
    {
        var noChecks = Guide with { Enabled = false };
        Assert.False(ServerHealth.OnConnectFailed(ServerHealth.Initial(noChecks), noChecks, _clock.GetUtcNow()).Changed);
    }

    [Fact]
    public void ActiveMarkDown_ClosesSessionsAfterTheGrace()
    {
        var up = Apply(ServerHealth.Initial(Guide), true, false);
        var t = ServerHealth.OnCheck(up, Guide, SessionCloseGrace.Default, CheckOutcome.Fail("HTTP 500"), _clock.GetUtcNow());
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(30), t.State.CloseSessionsAt);
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(ServerHealth.ShouldCloseSessions(t.State, _clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(ServerHealth.ShouldCloseSessions(t.State, _clock.GetUtcNow()));
    }

    [Fact]
    public void ActiveMarkDown_GraceZero_ClosesAtOnce_Never_Keeps()
    {
        var up = Apply(ServerHealth.Initial(Guide), true, false);
        var now = _clock.GetUtcNow();
        var atOnce = ServerHealth.OnCheck(up, Guide, new SessionCloseGrace(TimeSpan.Zero), CheckOutcome.Fail("x"), now).State;
        Assert.True(ServerHealth.ShouldCloseSessions(atOnce, now));
        var never = ServerHealth.OnCheck(up, Guide, SessionCloseGrace.Never, CheckOutcome.Fail("x"), now).State;
        Assert.Null(never.CloseSessionsAt);
    }

    [Fact]
    public void BackUpBeforeTheGraceEnds_SessionsAreKept()
    {
        var down = Apply(Apply(ServerHealth.Initial(Guide), true), false, false);
        Assert.NotNull(down.CloseSessionsAt);
        var up = Apply(down, true, true);
        Assert.False(ServerHealth.ShouldCloseSessions(up, _clock.GetUtcNow() + TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void DownByConnectFailure_ThenActiveCheckFails_SessionsClosedAfterGrace()
    {
        var down = ServerHealth.OnConnectFailed(Apply(ServerHealth.Initial(Guide), true), Guide, _clock.GetUtcNow()).State;
        var t = ServerHealth.OnCheck(down, Guide, SessionCloseGrace.Default, CheckOutcome.Fail("refused"), _clock.GetUtcNow());
        Assert.True(t.WentDown);
        Assert.Equal(DownReason.ActiveCheck, t.State.DownReason);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(30), t.State.CloseSessionsAt);
    }

    [Fact]
    public void BackendHealth_EmitsServerDown_ThenHealthyCountChanged()
    {
        var health = new BackendHealth(Backend(Guide));
        Assert.Equal(2, health.HealthyCount);
        var events = health.ReportConnectFailure(0, "connection refused", _clock.GetUtcNow());
        var down = Assert.IsType<ServerDownEvent>(events[0]);
        Assert.Equal(("kube-apiserver", "m1", 0, DownReason.ConnectFailed, "connection refused"), (down.Backend, down.Server, down.Index, down.Reason, down.Detail));
        Assert.Null(down.CloseSessionsAt);
        Assert.Equal(new HealthyCountChangedEvent("kube-apiserver", 1, 2, _clock.GetUtcNow()), events[1]);
        Assert.Empty(health.ReportConnectFailure(0, "again", _clock.GetUtcNow()));
    }

    [Fact]
    public void BackendHealth_EmitsServerUp_AtTheRiseTh_Success()
    {
        var health = new BackendHealth(Backend(Guide));
        health.ReportCheck(1, CheckOutcome.Fail("refused"), _clock.GetUtcNow());
        Assert.Empty(health.ReportCheck(1, CheckOutcome.Pass(), _clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var events = health.ReportCheck(1, CheckOutcome.Pass(), _clock.GetUtcNow());
        Assert.Equal(new ServerUpEvent("kube-apiserver", "m2", 1, _clock.GetUtcNow()), events[0]);
        Assert.Equal(new HealthyCountChangedEvent("kube-apiserver", 2, 2, _clock.GetUtcNow()), events[1]);
    }

    [Fact]
    public void BackendHealth_ActiveDown_CarriesTheCloseDeadline_PerServerGrace()
    {
        var health = new BackendHealth(Backend(Guide, new SessionCloseGrace(TimeSpan.FromSeconds(10))));
        var down = Assert.IsType<ServerDownEvent>(health.ReportCheck(0, CheckOutcome.Fail("HTTP 503"), _clock.GetUtcNow())[0]);
        Assert.Equal(DownReason.ActiveCheck, down.Reason);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(10), down.CloseSessionsAt);
        Assert.True(health.ShouldCloseSessions(0, _clock.GetUtcNow() + TimeSpan.FromSeconds(10)));
    }
}
