using HaKube.NetLab;
using HaKube.Tcplb.Health;
using HaKube.Tcplb.Runtime;
using Yarp.ReverseProxy.Model;
using static HaKube.Tcplb.Tests.Checks.CheckBackends;
using static HaKube.Tcplb.Tests.Checks.HealthCheckSchedulingTests;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>The checks joined to the daemon's backends: one owner of health (BackendRuntime), YARP's state its mirror.</summary>
public sealed class HealthCheckJoinTests
{
    [Fact]
    public async Task Yarp_ShowsTheSamePictureAsTheBackend_AfterEveryCheckAndFailedConnect()
    {
        var check = Check(inter: 1000, fastInter: 1000, downInter: 1000, rise: 2, fall: 2);
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, check), Server("s2", 2, check), Server("s3", 3, check)));
        var backend = h.Backend("be");
        var random = new Random(7);
        var steps = 0;
        for (var round = 0; round < 30; round++)
        {
            // Each round: every server is probed once (a random result), and now and then a forwarded connect fails.
            for (var i = 0; i < 3; i++)
            {
                var probe = round == 0 ? await h.FirstCheckAsync("be", i) : await h.RunToCheckAsync(await h.NextCheckAfterAsync("be", i, h.Time.GetUtcNow() - TimeSpan.FromTicks(1)));
                if (random.Next(3) == 0)
                {
                    probe.Fail();
                }
                else
                {
                    probe.Pass();
                }

                await h.NextCheckAfterAsync("be", i, probe.StartedAt);
                if (random.Next(5) == 0)
                {
                    FailConnect(h, "be", random.Next(3));
                }

                await AssertMirroredAsync(h, backend);
                steps++;
            }
        }

        Assert.Equal(90, steps);
        Assert.Contains(h.Events, e => e is ServerDownEvent { Reason: DownReason.ConnectFailed });
        Assert.Contains(h.Events, e => e is ServerDownEvent { Reason: DownReason.ActiveCheck });
        Assert.Contains(h.Events, e => e is ServerUpEvent);
    }

    [Fact]
    public async Task Reload_ServerCarriedOverDown_IsUnhealthyInYarpFromTheStart_AndComesBackAfterRise()
    {
        var check = Check(inter: 1000, rise: 2, fall: 3);
        var down = new ServerHealthState { Health = 0, IsUp = false, DownReason = DownReason.ActiveCheck, LastCheckAt = CheckHarness.T0, LastCheck = CheckOutcome.Fail("Layer7 wrong status: 500") };
        await using var h = CheckHarness.StartRestored([down, null], Backend("be", Server("s1", 1, check), Server("s2", 2, check)));

        Assert.Equal(DestinationHealth.Unhealthy, Destination(h, "s1").Health.Active);
        Assert.Equal(DestinationHealth.Unknown, Destination(h, "s2").Health.Active);
        Assert.Equal(1, h.Service.GetStatus("be")!.Healthy);

        // Moving time to s1's check can start s2's too, and the prober hands out probes in the order they started.
        var probe = await ProbeOfAsync(h, "s1", await h.FirstCheckAsync("be", 0));
        probe.Pass();
        (await ProbeOfAsync(h, "s1", await h.RunToCheckAsync(await h.NextCheckAfterAsync("be", 0, probe.StartedAt)))).Pass();
        await h.EventAsync<ServerUpEvent>(e => e.Server == "s1");
        await Wait.UntilAsync(() => Destination(h, "s1").Health.Active == DestinationHealth.Healthy, FakeProber.Bound, "YARP to follow");
    }

    [Fact]
    public async Task ServerInMaintenance_IsNotProbed_AndIsCheckedAgainOnceReady()
    {
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, Check(inter: 1000))));
        var backend = h.Backend("be");
        // The only server's first check is due the moment the loop starts (spread over one server: no delay), so it may
        // be under way before any command: let it finish, then put the server in maintenance.
        (await h.FirstCheckAsync("be", 0)).Pass();
        await h.NextCheckAfterAsync("be", 0, CheckHarness.T0);
        Assert.True(backend.SetAdminState("s1", AdminState.Maint, out _));

        h.Time.Advance(TimeSpan.FromSeconds(5));
        await Wait.UntilAsync(() => h.Server("be", 0).NextCheckAt > h.Time.GetUtcNow(), FakeProber.Bound, "the skipped check to be planned again");
        Assert.False(h.Prober.TryNext(out _));

        Assert.True(backend.SetAdminState("s1", AdminState.Ready, out _));
        var probe = await h.RunToCheckAsync(h.Server("be", 0).NextCheckAt!.Value);
        Assert.Equal("s1", probe.Target.Server);
    }

    [Fact]
    public async Task Status_GivesTheLastCheckInHaproxyTerms()
    {
        await using var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, Check(inter: 1000))));
        Assert.Null(h.Service.LastCheck("be", 0));

        var probe = await h.FirstCheckAsync("be", 0);
        h.Time.Advance(TimeSpan.FromMilliseconds(40));
        probe.Fail();
        await Wait.UntilAsync(() => h.Service.LastCheck("be", 0) is not null, FakeProber.Bound, "a report");

        Assert.Equal(new ServerCheckReport("L7STS", "Layer7 wrong status", "500 Internal Server Error", 500, TimeSpan.FromMilliseconds(40), false), h.Service.LastCheck("be", 0));
        Assert.Equal("Layer7 wrong status: 500 Internal Server Error", h.Backend("be").HealthOf(0).LastCheck!.Value.Detail);
        Assert.Null(h.Service.LastCheck("nope", 0));
    }

    [Fact]
    public async Task Dispose_LetsGoOfTheBackend_NoProbeNoTimerAfter()
    {
        var h = CheckHarness.Start(0, 1, Backend("be", Server("s1", 1, Check(inter: 1000, rise: 1, fall: 1))));
        (await h.FirstCheckAsync("be", 0)).Pass();
        await h.NextCheckAfterAsync("be", 0, CheckHarness.T0);
        await h.DisposeAsync();

        FailConnect(h, "be", 0); // the backend lives on (a reload's old one retires later); the disposed service must not react
        h.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(h.Prober.TryNext(out _));
        Assert.False(h.Backend("be").HealthOf(0).IsUp);
    }

    /// <summary>Waits until YARP's Health.Active of every destination and the available set follow the backend's state.</summary>
    private static async Task AssertMirroredAsync(CheckHarness h, BackendRuntime backend)
    {
        Assert.True(h.Service.ProxyState.TryGetCluster("be", out var cluster));
        // Health.Active, then the available set (YARP recomputes it right after, on the loop): both, in one picture.
        string Expected()
            => string.Join(',', Enumerable.Range(0, backend.Servers.Count).Select(i => backend.HealthOf(i) is var s && !s.IsUp ? "Unhealthy" : s.LastCheckAt is null ? "Unknown" : "Healthy"))
               + " available " + string.Join(',', backend.Servers.Where((_, i) => backend.HealthOf(i).IsUp).Select(s => s.Name));
        string Actual()
            => string.Join(',', backend.Servers.Select(s => cluster.Destinations[s.Name].Health.Active.ToString()))
               + " available " + string.Join(',', cluster.DestinationsState.AvailableDestinations.Select(d => d.DestinationId));
        await Wait.UntilAsync(() => Expected() == Actual(), FakeProber.Bound, $"YARP to show {Expected()}");
        Assert.Equal(backend.HealthyCount, cluster.DestinationsState.AvailableDestinations.Count);
    }

    /// <summary>The first started probe of <paramref name="server"/>, from <paramref name="probe"/> on; others' probes pass.</summary>
    private static async Task<PendingProbe> ProbeOfAsync(CheckHarness h, string server, PendingProbe probe)
    {
        while (probe.Target.Server != server)
        {
            probe.Pass();
            probe = await h.Prober.NextAsync();
        }

        return probe;
    }
}
