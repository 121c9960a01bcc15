using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HaKube.NetLab;
using HaKube.Tcplb.Checks;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Health;
using HaKube.Tcplb.Tests.DataPlane;
using Yarp.ReverseProxy.Model;
using static HaKube.Tcplb.Tests.Checks.CheckBackends;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>The whole service on real time against nginx: /readyz turns 500, then 200 again.</summary>
public sealed class HealthCheckServiceNginxTests(NginxBackend nginx) : IClassFixture<NginxBackend>
{
    [Fact]
    public async Task Https_ReadyzFails_DownAfterFall_BackAfterRise_YarpFollows()
    {
        const int Rise = 2, Fall = 3;
        var backend = Backend("readyz", Server("m1", nginx.TlsPort, Check(HealthCheckType.Https, inter: 200, fastInter: 100, downInter: 200, rise: Rise, fall: Fall) with
        {
            Tls = new CheckTlsOptions { CaFile = nginx.CaFile },
        })) with
        {
            // Checks every 100-200 ms, but a probe may take up to 5 s on a busy machine: the status is what is tested.
            Timeouts = new BackendTimeouts { Check = TimeSpan.FromSeconds(5) },
        };
        using var checks = new CheckCounter("readyz");
        var events = new ConcurrentQueue<(HealthEvent Event, int Failed, int Passed)>();
        await using var joined = CheckedBackends.Start([backend], TimeProvider.System, prober: null, jitter: CheckSpread.DefaultJitter, onHealth: e => events.Enqueue((e, checks.Count("L7STS"), checks.Count("L7OK"))));
        var service = joined.Service;
        Assert.True(service.ProxyState.TryGetCluster("readyz", out var cluster));

        await Wait.UntilAsync(() => checks.Count("L7OK") > 0, NginxBackend.Bound, "a first passed check");
        nginx.SetReady(false);
        await Wait.UntilAsync(() => events.Any(e => e.Event is ServerDownEvent), NginxBackend.Bound, "the server to go down");
        var down = events.First(e => e.Event is ServerDownEvent);
        await Wait.UntilAsync(() => cluster.DestinationsState.AvailableDestinations.Count == 0, NginxBackend.Bound, "YARP to follow the backend");
        Assert.Equal(DestinationHealth.Unhealthy, cluster.Destinations["m1"].Health.Active);
        nginx.SetReady(true);
        await Wait.UntilAsync(() => events.Any(e => e.Event is ServerUpEvent), NginxBackend.Bound, "the server to come back");
        var up = events.First(e => e.Event is ServerUpEvent);
        await Wait.UntilAsync(() => cluster.DestinationsState.AvailableDestinations.Count == 1, NginxBackend.Bound, "YARP to follow the backend");

        var downEvent = Assert.IsType<ServerDownEvent>(down.Event);
        Assert.Equal(DownReason.ActiveCheck, downEvent.Reason);
        Assert.Equal("Layer7 wrong status: 500 Internal Server Error", downEvent.Detail);
        Assert.Equal(Fall, down.Failed);              // fall consecutive failures, not one more or less
        Assert.Equal(Rise, up.Passed - down.Passed);  // rise consecutive successes after the fall
        Assert.Equal(["m1"], cluster.DestinationsState.AvailableDestinations.Select(d => d.DestinationId));
        Assert.Equal(DestinationHealth.Healthy, cluster.Destinations["m1"].Health.Active);
        await Wait.UntilAsync(() => service.GetStatus("readyz")!.Healthy == 1, NginxBackend.Bound, "the status snapshot to follow");
    }

    [Fact]
    public async Task Tcp_ServerStops_GoesDownWithALayer4ConnectionProblem()
    {
        var server = TestServer.Echo();
        var backend = Backend("tcp", Server("m1", server.EndPoint.Port, Check(HealthCheckType.Tcp, inter: 100, rise: 1, fall: 1)));
        using var checks = new CheckCounter("tcp");
        await using var joined = CheckedBackends.Start([backend], TimeProvider.System, prober: null, jitter: CheckSpread.DefaultJitter);
        var events = joined.Events.Health;
        var service = joined.Service;

        await Wait.UntilAsync(() => checks.Count("L4OK") > 0, NginxBackend.Bound, "a first passed check");
        await server.DisposeAsync();
        await Wait.UntilAsync(() => events.OfType<ServerDownEvent>().Any(), NginxBackend.Bound, "the server to go down");

        // Refused, or reset when a connect races the listener's close.
        Assert.StartsWith("Layer4 connection problem: Connection re", events.OfType<ServerDownEvent>().First().Detail, StringComparison.Ordinal);
        var status = service.GetStatus("tcp")!.Servers[0];
        Assert.False(status.State.IsUp);
        Assert.Equal("L4CON", status.LastResult!.Value.Code);
    }

    /// <summary>Counts the service's completed checks by status through its meter (recorded on the loop, before the result is applied).</summary>
    private sealed class CheckCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public CheckCounter(string backend)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CheckMetrics.MeterName && instrument.Name == "tcplb.checks")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? b = null, status = null;
                foreach (var tag in tags)
                {
                    b = tag.Key == "backend" ? tag.Value as string : b;
                    status = tag.Key == "status" ? tag.Value as string : status;
                }

                if (b == backend && status is not null)
                {
                    _counts.AddOrUpdate(status, (int)value, (_, c) => c + (int)value);
                }
            });
            _listener.Start();
        }

        public int Count(string status) => _counts.GetValueOrDefault(status);

        public void Dispose() => _listener.Dispose();
    }
}
