using System.Net;
using HaKube.Tcplb.Checks;
using HaKube.Tcplb.Configuration;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using static HaKube.Tcplb.Tests.Checks.CheckBackends;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>The pure parts of the checks: bounds, spread, wording, the YARP mapping and the check request.</summary>
public sealed class CheckPieceTests
{
    [Fact]
    public void Timeouts_WithoutTimeoutCheck_InterBoundsTheWholeProbe()
    {
        var t = CheckTimeouts.For(new BackendTimeouts { Connect = TimeSpan.FromSeconds(5) }, Check(inter: 2000));

        Assert.Equal(new CheckTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)), t);
    }

    [Theory]
    [InlineData(5000, 2000, 2000)] // connect gets min(connect, inter)
    [InlineData(500, 2000, 500)]
    [InlineData(-1, 2000, 2000)] // no timeout connect
    public void Timeouts_WithTimeoutCheck_ConnectGetsMinConnectInter_ThenCheck(int connectMs, int interMs, int expectedConnectMs)
    {
        var connect = connectMs < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(connectMs);
        var t = CheckTimeouts.For(new BackendTimeouts { Connect = connect, Check = TimeSpan.FromSeconds(1) }, Check(inter: interMs));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedConnectMs), t.Connect);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedConnectMs + 1000), t.Total);
    }

    [Theory]
    [InlineData(0.0, 1900)]
    [InlineData(0.5, 2000)]
    [InlineData(0.999999, 2100)]
    public void Jitter_StaysWithinPlusMinusTheFraction(double sample, int expectedMs)
        => Assert.Equal(expectedMs, CheckSpread.Jittered(TimeSpan.FromSeconds(2), 0.05, sample).TotalMilliseconds, 0);

    [Fact]
    public void FirstDelay_SpreadsPositionsOverTheInterval()
        => Assert.Equal(TimeSpan.FromMilliseconds(1200), CheckSpread.FirstDelay(3, 5, TimeSpan.FromSeconds(2)));

    [Theory]
    [InlineData(nameof(CheckStatus.Layer4Connection), "Connection refused", "Layer4 connection problem: Connection refused", "L4CON")]
    [InlineData(nameof(CheckStatus.Layer4Timeout), null, "Layer4 timeout", "L4TOUT")]
    [InlineData(nameof(CheckStatus.Layer6Response), "handshake failed", "Layer6 invalid response: handshake failed", "L6RSP")]
    [InlineData(nameof(CheckStatus.Layer7Status), "500", "Layer7 wrong status: 500", "L7STS")]
    [InlineData(nameof(CheckStatus.Layer7Ok), "200 OK", "Layer7 check passed: 200 OK", "L7OK")]
    public void ProbeResult_ReadsAsHaproxyCheckStatus(string status, string? info, string expected, string code)
    {
        var result = new ProbeResult(Enum.Parse<CheckStatus>(status), info);

        Assert.Equal(expected, result.ToString());
        Assert.Equal(code, result.Code);
        Assert.Equal(expected, result.ToOutcome().Detail);
    }

    [Fact]
    public void YarpIds_KeepCaseOnlyDifferentNamesApart()
        => Assert.Equal(["m1", "M1~1", "m2"], YarpIds.Assign(["m1", "M1", "m2"]));

    [Fact]
    public void Mapper_MapsBackendToCluster_WithTcplbsPolicyAndYarpsOwnMonitorOff()
    {
        var backend = Backend("kube", Server("m1", 6443, Check(HealthCheckType.Https, inter: 3000, fall: 2)) with
        {
            Address = new ServerAddress("fd00::4", IPAddress.Parse("fd00::4"), 6443),
        }) with
        {
            HttpCheck = new HttpCheckOptions { Method = "GET", Path = "/readyz?verbose" },
            Balance = BalanceAlgorithm.LeastConn,
        };

        var cluster = YarpClusterMapper.ToCluster(backend, "kube", ["m1"]);

        Assert.Equal("https://[fd00::4]:6443", cluster.Destinations!["m1"].Address);
        Assert.Equal("https://[fd00::4]:6443", cluster.Destinations["m1"].Health);
        Assert.False(cluster.HealthCheck!.Active!.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(3), cluster.HealthCheck.Active.Interval);
        Assert.Equal(("/readyz", "?verbose"), (cluster.HealthCheck.Active.Path, cluster.HealthCheck.Active.Query));
        Assert.Equal(TcplbDestinationsPolicy.PolicyName, cluster.HealthCheck.AvailableDestinationsPolicy);
        Assert.Equal("2", cluster.Metadata![YarpClusterMapper.ThresholdMetadata]);
        Assert.Equal("LeastRequests", cluster.LoadBalancingPolicy);
    }

    [Fact]
    public void ProbingRequest_IsMethodAndPathOverHttp11WithConnectionClose_ToTheCheckPort()
    {
        var server = Server("m1", 6443, Check(HealthCheckType.Https) with { Port = 8443 });
        var backend = Backend("kube", server) with { HttpCheck = new HttpCheckOptions { Method = "HEAD", Path = "/livez?exclude=etcd" } };
        var cluster = YarpClusterMapper.ToCluster(backend, "kube", ["m1"]);
        var model = new ClusterModel(cluster, new HttpMessageInvoker(new SocketsHttpHandler()));

        using var request = new CheckProbingRequestFactory().CreateRequest(model, new DestinationModel(cluster.Destinations!["m1"]));

        Assert.Equal(HttpMethod.Head, request.Method);
        Assert.Equal("http://127.0.0.1:8443/livez?exclude=etcd", request.RequestUri!.ToString());
        Assert.Equal(HttpVersion.Version11, request.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, request.VersionPolicy);
        Assert.True(request.Headers.ConnectionClose);
    }

    [Fact]
    public void DestinationsPolicy_UnhealthyIsOut_UnknownIsIn_NoPanic()
    {
        var up = new DestinationState("up");
        var unknown = new DestinationState("unknown");
        var down = new DestinationState("down");
        up.Health.Active = DestinationHealth.Healthy;
        down.Health.Active = DestinationHealth.Unhealthy;

        var available = new TcplbDestinationsPolicy().GetAvailalableDestinations(new ClusterConfig { ClusterId = "c" }, [up, unknown, down]);

        Assert.Equal(["up", "unknown"], available.Select(d => d.DestinationId));
        Assert.Empty(new TcplbDestinationsPolicy().GetAvailalableDestinations(new ClusterConfig { ClusterId = "c" }, [down]));
    }
}
