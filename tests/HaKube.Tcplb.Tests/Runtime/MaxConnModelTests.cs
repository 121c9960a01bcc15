using System.Net;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Runtime;
using HaKube.Tcplb.Tests.Configuration;

namespace HaKube.Tcplb.Tests.Runtime;

/// <summary>Which maxconn each frontend and bind runs with, and the global one derived from the open-files limit.</summary>
public sealed class MaxConnModelTests
{
    [Fact]
    public void Guide_FrontendTakesGlobalMaxConn4000_ServiceStillCappedAt750By3x250()
    {
        // HAProxy (proxy_adjust_all_maxconn): a frontend without maxconn gets the global one. The guide's cap on service
        // stays the servers' 3 × maxconn 250; the frontend limit only matters above 4000 live connections.
        var options = ConfigLoader.Load(TestFiles.Path("guide-haproxy.cfg")).Options!;
        var f = new RuntimeFixture();
        f.Builder.ProcessMaxConn = options.Global.MaxConn!.Value;

        var model = f.Builder.Build(options, null, _ => null);

        var frontend = Assert.Single(model.Frontends);
        Assert.Equal(4000, frontend.MaxConn);
        Assert.Empty(frontend.BindLimits);
        Assert.Equal(750, model.Backends[0].Options.Servers.Sum(s => s.MaxConn));
    }

    [Fact]
    public void FrontendMaxConn_OverridesGlobal_BindMaxConnCoversBothFamiliesOfAStar()
    {
        var options = RuntimeFixture.Options("  server s1 198.18.0.2:6443", frontendExtra: "  maxconn 3\n  bind *:6444 maxconn 2");
        var f = new RuntimeFixture();
        f.Builder.ProcessMaxConn = 4000;

        var frontend = Assert.Single(f.Builder.Build(options, null, _ => null).Frontends);

        Assert.Equal(3, frontend.MaxConn);
        var limit = Assert.Single(frontend.BindLimits);
        Assert.Equal(2, limit.MaxConn);
        Assert.Equal([new IPEndPoint(IPAddress.Any, 6444), new IPEndPoint(IPAddress.IPv6Any, 6444)], limit.Bind);
    }

    [Theory]
    [InlineData(20_000UL, 516, 7_793)] // this test machine's hard limit, 2 loops: ~2.5 descriptors a connection
    [InlineData(1_048_576UL, 516, 419_224)] // tcplb.service's LimitNOFILE
    [InlineData(1_024UL, 516, 203)]
    [InlineData(256UL, 516, ProcessLimits.MinimumMaxConn)] // HAProxy's floor when descriptors are scarce
    public void IdealMaxConn_IsHaproxysSplicingFormula(ulong openFiles, int reserved, int expected)
        => Assert.Equal(expected, ProcessLimits.IdealMaxConn(openFiles, reserved));

    [Fact]
    public void Reserved_CountsLoopsPipesBindsAndCheckedServers()
        => Assert.Equal(64 + (2 * (2 + 128 + 2)) + 3, ProcessLimits.Reserved(loops: 2, sparePipesPerLoop: 64, binds: 2, servers: 3));
}
