using HaKube.NetLab;
using HaKube.Tcplb.Checks;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Health;
using Yarp.ReverseProxy.Model;
using static HaKube.Tcplb.Tests.Checks.CheckBackends;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>The service's schedule and state on virtual time, with a fake prober (HAProxy 2.6 check.c semantics).</summary>
public sealed class HealthCheckSchedulingTests
{
    [Fact]
    public async Task Start_SpreadsFirstChecksEvenlyOverTheShortestInterval()
    {
        var check = Check(inter: 2000);
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("a", 1, check), Server("b", 2, check), Server("c", 3, check), Server("d", 4, check)));

        var first = await h.Prober.NextAsync();
        var planned = Enumerable.Range(1, 3).Select(i => h.Server("be", i).NextCheckAt!.Value - CheckHarness.T0).ToArray();

        Assert.Equal((0, CheckHarness.T0), (first.Target.ServerIndex, first.StartedAt));
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1500)], planned);
    }

    [Fact]
    public async Task Server_IsCheckedAtInterFastInterDownInter_AndGoesDownAfterFall_UpAfterRise()
    {
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, Check(inter: 2000, fastInter: 500, downInter: 5000, rise: 2, fall: 3))));
        DateTimeOffset? at = null;
        var gaps = new List<TimeSpan>();

        async Task RunAsync(bool pass)
        {
            var probe = at is { } t ? await h.RunToCheckAsync(t) : await h.FirstCheckAsync("be", 0);
            if (pass)
            {
                probe.Pass();
            }
            else
            {
                probe.Fail();
            }

            var next = await h.NextCheckAfterAsync("be", 0, probe.StartedAt);
            gaps.Add(next - probe.StartedAt);
            at = next;
        }

        await RunAsync(pass: true);   // at rise (start) + 1 = fully up: inter
        await RunAsync(pass: false);  // 1st failure: changing state, fastinter
        await RunAsync(pass: false);  // 2nd
        Assert.Empty(h.Events);
        await RunAsync(pass: false);  // 3rd = fall: down, fully down: downinter
        var down = await h.EventAsync<ServerDownEvent>();
        await RunAsync(pass: true);   // 1st success: fastinter
        await RunAsync(pass: true);   // 2nd = rise: up, fully up: inter
        var up = await h.EventAsync<ServerUpEvent>();

        Assert.Equal(
            new[] { 2000, 500, 500, 5000, 500, 2000 }.Select(ms => TimeSpan.FromMilliseconds(ms)),
            gaps);
        Assert.Equal(DownReason.ActiveCheck, down.Reason);
        Assert.Equal("Layer7 wrong status: 500 Internal Server Error", down.Detail);
        Assert.Equal(CheckHarness.T0 + TimeSpan.FromMilliseconds(2000 + 500 + 500), down.At);
        Assert.Equal(down.At + TimeSpan.FromMilliseconds(5000 + 500), up.At);
        Assert.Equal([0, 1], h.Events.OfType<HealthyCountChangedEvent>().Select(e => e.Healthy));
        Assert.Equal("L7OK", h.Server("be", 0).LastResult!.Value.Code);
    }

    [Fact]
    public async Task Jitter_MovesEachDelayWithinFivePercent_AndDoesNotRepeatOneValue()
    {
        await using var h = CheckHarness.Start(CheckSpread.DefaultJitter, 42, Backend("be", Server("s1", 1, Check(inter: 2000))));
        DateTimeOffset? at = null;
        var gaps = new List<TimeSpan>();
        for (var i = 0; i < 40; i++)
        {
            var probe = at is { } t ? await h.RunToCheckAsync(t) : await h.FirstCheckAsync("be", 0);
            probe.Pass();
            at = await h.NextCheckAfterAsync("be", 0, probe.StartedAt);
            gaps.Add(at.Value - probe.StartedAt);
        }

        Assert.All(gaps, g => Assert.InRange(g, TimeSpan.FromMilliseconds(1900), TimeSpan.FromMilliseconds(2100)));
        Assert.True(gaps.Distinct().Count() > 30, "jittered delays should differ");
    }

    [Fact]
    public async Task HangingProbe_IsCutAtInter_AndCountsAsFailure()
    {
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, Check(inter: 2000))));
        var probe = await h.FirstCheckAsync("be", 0);

        h.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(probe.Cancellation.IsCancellationRequested);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var down = await h.EventAsync<ServerDownEvent>();

        Assert.True(probe.Cancellation.IsCancellationRequested);
        Assert.Equal("Layer4 timeout", down.Detail);
    }

    [Fact]
    public async Task TimeoutCheck_BoundsAProbeToConnectPlusCheck()
    {
        var backend = Backend("be", Server("s1", 1, Check(inter: 10_000))) with
        {
            Timeouts = new BackendTimeouts { Connect = TimeSpan.FromMilliseconds(500), Check = TimeSpan.FromSeconds(1) },
        };
        await using var h = CheckHarness.Start(0, 1, backend);
        var probe = await h.FirstCheckAsync("be", 0);

        h.Time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(probe.Cancellation.IsCancellationRequested);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(probe.Cancellation.IsCancellationRequested);
        await h.EventAsync<ServerDownEvent>();
    }

    [Fact]
    public async Task ConnectFailure_MarksDownAtOnce_KeepsSessions_AndBringsTheNextCheckForward()
    {
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, Check(inter: 10_000, downInter: 1000, rise: 2))));
        var probe = await h.FirstCheckAsync("be", 0);
        probe.Pass();
        var planned = await h.NextCheckAfterAsync("be", 0, probe.StartedAt);
        Assert.Equal(TimeSpan.FromSeconds(10), planned - probe.StartedAt);

        FailConnect(h, "be", 0);
        var down = await h.EventAsync<ServerDownEvent>();
        DateTimeOffset? sooner = null;
        await Wait.UntilAsync(() => (sooner = h.Server("be", 0).NextCheckAt) != planned, FakeProber.Bound, "the next check to move");

        Assert.Equal(DownReason.ConnectFailed, down.Reason);
        Assert.Null(down.CloseSessionsAt);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromSeconds(1), sooner);
        Assert.Equal(DestinationHealth.Unhealthy, Destination(h, "s1").Health.Active);
        Assert.Empty(h.Closed);
    }

    [Fact]
    public async Task DownByChecks_ClosesSessionsAfterTheGrace()
    {
        var server = Server("s1", 1, Check(inter: 1000, rise: 1, fall: 1), new SessionCloseGrace(TimeSpan.FromSeconds(30)));
        await using var h = CheckHarness.Start(0, 1, Backend("be", server));
        (await h.FirstCheckAsync("be", 0)).Fail();
        var down = await h.EventAsync<ServerDownEvent>();

        // Keep failing for 29 s: no close yet.
        var at = await h.NextCheckAfterAsync("be", 0, down.At);
        while (at < down.At + TimeSpan.FromSeconds(29))
        {
            var probe = await h.RunToCheckAsync(at);
            probe.Fail();
            at = await h.NextCheckAfterAsync("be", 0, probe.StartedAt);
        }

        Assert.Empty(h.Closed);
        h.Time.Advance(down.CloseSessionsAt!.Value - h.Time.GetUtcNow());
        await Wait.UntilAsync(() => !h.Closed.IsEmpty, FakeProber.Bound, "the backend to close the sessions");

        Assert.Equal(down.At + TimeSpan.FromSeconds(30), down.CloseSessionsAt);
        Assert.Equal(["s1"], h.Closed);
    }

    [Fact]
    public async Task ServerBackUpWithinTheGrace_KeepsItsSessions()
    {
        var server = Server("s1", 1, Check(inter: 1000, rise: 1, fall: 1), new SessionCloseGrace(TimeSpan.FromSeconds(30)));
        await using var h = CheckHarness.Start(0, 1, Backend("be", server));
        (await h.FirstCheckAsync("be", 0)).Fail();
        var down = await h.EventAsync<ServerDownEvent>();
        var probe = await h.RunToCheckAsync(await h.NextCheckAfterAsync("be", 0, down.At));
        probe.Pass();
        await h.EventAsync<ServerUpEvent>();
        await h.NextCheckAfterAsync("be", 0, probe.StartedAt);

        // Checks keep coming past the grace (pass them); the close never does.
        var at = await h.NextCheckAfterAsync("be", 0, probe.StartedAt);
        while (at < down.At + TimeSpan.FromSeconds(31))
        {
            probe = await h.RunToCheckAsync(at);
            probe.Pass();
            at = await h.NextCheckAfterAsync("be", 0, probe.StartedAt);
        }

        Assert.Empty(h.Closed);
    }

    [Fact]
    public async Task AllServersDown_YarpOffersNoDestination_NoPanicMode()
    {
        var check = Check(inter: 1000, rise: 1, fall: 1);
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, check), Server("s2", 2, check)));
        Assert.True(h.Service.ProxyState.TryGetCluster("be", out var cluster));
        Assert.Equal(2, cluster.DestinationsState.AvailableDestinations.Count);

        (await h.FirstCheckAsync("be", 0)).Fail();
        await h.EventAsync<ServerDownEvent>(e => e.Server == "s1");
        Assert.Equal(["s2"], cluster.DestinationsState.AvailableDestinations.Select(d => d.DestinationId));
        (await h.RunToCheckAsync(h.Server("be", 1).NextCheckAt!.Value)).Fail();
        await h.EventAsync<ServerDownEvent>(e => e.Server == "s2");

        Assert.Empty(cluster.DestinationsState.AvailableDestinations);
        Assert.Equal(DestinationHealth.Unhealthy, cluster.Destinations["s2"].Health.Active);
        Assert.Equal(0, h.Service.GetStatus("be")!.Healthy);
    }

    [Fact]
    public async Task Yarp_IsUnknownUntilTheFirstCheck_ThenHealthy_ThenUnhealthy_AsTheBackendDecides()
    {
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, Check(inter: 1000, rise: 1, fall: 1))));
        Assert.Equal(DestinationHealth.Unknown, Destination(h, "s1").Health.Active);

        (await h.FirstCheckAsync("be", 0)).Pass();
        await Wait.UntilAsync(() => Destination(h, "s1").Health.Active == DestinationHealth.Healthy, FakeProber.Bound, "Healthy after a passed check");
        (await h.RunToCheckAsync(await h.NextCheckAfterAsync("be", 0, CheckHarness.T0))).Fail();
        await h.EventAsync<ServerDownEvent>();
        await Wait.UntilAsync(() => Destination(h, "s1").Health.Active == DestinationHealth.Unhealthy, FakeProber.Bound, "Unhealthy after the fall");

        Assert.False(h.Backend("be").HealthOf(0).IsUp);
    }

    [Fact]
    public async Task ServerWithoutCheck_IsNeverProbed_AndStaysUp()
    {
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, new ServerCheckOptions { Enabled = false })));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        FailConnect(h, "be", 0);

        await Wait.UntilAsync(() => h.Service.GetStatus("be")!.Healthy == 1, FakeProber.Bound, "status");
        Assert.Equal(1, h.Backend("be").HealthyCount);
        Assert.False(h.Prober.TryNext(out _));
        Assert.Null(h.Server("be", 0).NextCheckAt);
        Assert.Empty(h.Events);
    }

    [Fact]
    public async Task Stop_CancelsTheProbeInFlight_AndRaisesNothingAfter()
    {
        var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, Check(inter: 1000))));
        var probe = await h.FirstCheckAsync("be", 0);

        await h.Service.StopAsync();

        Assert.True(probe.Cancellation.IsCancellationRequested);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(h.Prober.TryNext(out _));
        Assert.Empty(h.Events);
        await h.DisposeAsync();
    }

    /// <summary>The data plane's passive check: a forwarded connection to the server was refused.</summary>
    internal static void FailConnect(CheckHarness h, string backend, int server)
    {
        var b = h.Backend(backend);
        b.OnConnectFailed(b.Servers[server], ConnectFailure.Refused);
    }

    internal static DestinationState Destination(CheckHarness h, string server, string backend = "be")
    {
        Assert.True(h.Service.ProxyState.TryGetCluster(backend, out var cluster));
        return cluster.Destinations[server];
    }
}
