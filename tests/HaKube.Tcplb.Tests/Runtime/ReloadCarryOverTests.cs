using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Health;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Tests.Runtime;

public sealed class ReloadCarryOverTests
{
    private const string Two = """
          default-server rise 2 fall 2
          server a 198.18.0.2:6443 check
          server b 198.18.0.3:6443 check
        """;

    [Fact]
    public void Reload_KeepsServerIdentityCountersHealthAndOperatorState()
    {
        var f = new RuntimeFixture();
        var old = f.Build(Two);
        var oldBackend = old.Backends[0];
        var held = RuntimeFixture.Acquire(oldBackend);
        oldBackend.ReportCheck(1, CheckOutcome.Fail("x"));
        oldBackend.ReportCheck(1, CheckOutcome.Fail("x"));
        Assert.True(oldBackend.SetAdminState("a", AdminState.Drain, out _));

        var next = f.Build(Two + "\n  server c 198.18.0.4:6443 check", old);
        var backend = next.Backends[0];
        oldBackend.Retire(backend);

        Assert.Same(oldBackend.Servers[0], backend.Servers[0]);
        Assert.Equal(AdminState.Drain, backend.Servers[0].Admin);
        Assert.Equal(1, backend.Servers[0].Active);
        Assert.False(backend.HealthOf(1).IsUp);
        Assert.Equal(["c", "c"], Enumerable.Range(0, 2).Select(_ => RuntimeFixture.Acquire(oldBackend).Server.Name));
        held.Release(new SessionTotals(5, 7, TimeSpan.Zero));
        Assert.Equal(0, backend.Servers[0].Active);
        Assert.Equal(7, backend.Status().Servers[0].BytesOut);
    }

    [Fact]
    public void Reload_ChangedAddress_IsANewServer()
    {
        var f = new RuntimeFixture();
        var old = f.Build(Two);
        var next = f.Build(Two.Replace("198.18.0.3", "198.18.0.9", StringComparison.Ordinal), old);

        Assert.Same(old.Backends[0].Servers[0], next.Backends[0].Servers[0]);
        Assert.NotEqual(old.Backends[0].Servers[1].Id, next.Backends[0].Servers[1].Id);
    }

    [Fact]
    public void FailedConnectOnALeaseFromBeforeTheReload_MarksDownInTheNewConfiguration()
    {
        var f = new RuntimeFixture();
        var old = f.Build(Two);
        var lease = RuntimeFixture.Acquire(old.Backends[0]);
        var next = f.Build(Two, old);
        old.Backends[0].Retire(next.Backends[0]);

        lease.ReportConnectFailed(ConnectFailure.Refused);

        Assert.False(next.Backends[0].HealthOf(0).IsUp);
        Assert.Equal(1, next.Backends[0].HealthyCount);
    }
}
