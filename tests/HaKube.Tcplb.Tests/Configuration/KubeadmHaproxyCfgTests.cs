using HaKube.Common.Configuration;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>The kubeadm HA guide's haproxy.cfg (HTTPS /healthz checks, redispatch, retries, queue and check timeouts).</summary>
public sealed class KubeadmHaproxyCfgTests
{
    private static readonly ConfigLoadResult Result = ConfigLoader.Load(TestFiles.Path("kubeadm-haproxy.cfg"));

    [Fact]
    public void Kubeadm_ParsesWithoutErrors_ModeHttpInDefaultsOverriddenByTcp()
    {
        Assert.DoesNotContain(Result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.True(Result.Succeeded);
    }

    [Fact]
    public void Kubeadm_GlobalLog_StdoutRawLocal0_AllLevels()
    {
        var log = Assert.Single(Result.Options!.Global.Logs);
        Assert.Equal(("stdout", LogTargetKind.Stdout), (log.Target, log.Kind));
        Assert.Equal(SyslogFormat.Raw, log.Format);
        Assert.Equal(SyslogFacility.Local0, log.Facility);
        Assert.Equal(SyslogLevel.Debug, log.MaxLevel);
        Assert.Null(Result.Options.Global.MaxConn);
    }

    [Fact]
    public void Kubeadm_Frontend_TimeoutClient35s()
    {
        var frontend = Assert.Single(Result.Options!.Frontends);
        Assert.Equal("apiserver", frontend.Name);
        Assert.Equal(6443, Assert.Single(frontend.Binds).Port);
        Assert.Equal("apiserverbackend", frontend.DefaultBackend);
        Assert.Equal(TimeSpan.FromSeconds(35), frontend.Timeouts.Client);
    }

    [Fact]
    public void Kubeadm_Backend_HttpsCheckGetHealthz200_RedispatchRetries1_QueueAndCheckTimeouts()
    {
        var backend = Assert.Single(Result.Options!.Backends);
        Assert.Equal(BalanceAlgorithm.RoundRobin, backend.Balance);
        var http = Assert.IsType<HttpCheckOptions>(backend.HttpCheck);
        Assert.Equal("GET", http.Method);
        Assert.Equal("/healthz", http.Path);
        Assert.Equal(new StatusRange(200, 200), Assert.Single(http.ExpectedStatuses));
        Assert.Equal(1, backend.Retry.Retries);
        Assert.True(backend.Retry.Redispatch);
        Assert.Equal(-1, backend.Retry.RedispatchInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), backend.Timeouts.Connect);
        Assert.Equal(TimeSpan.FromSeconds(35), backend.Timeouts.Server);
        Assert.Equal(TimeSpan.FromSeconds(20), backend.Timeouts.Queue);
        Assert.Equal(TimeSpan.FromSeconds(10), backend.Timeouts.Check);
    }

    [Fact]
    public void Kubeadm_Servers_HttpsCheck_VerifyNone_HaproxyDefaults()
    {
        var backend = Assert.Single(Result.Options!.Backends);
        Assert.Equal(["master1", "master2", "master3"], backend.Servers.Select(s => s.Name));
        Assert.Equal(["192.168.0.11:6443", "192.168.0.12:6443", "192.168.0.13:6443"], backend.Servers.Select(s => s.Address.ToString()));
        foreach (var server in backend.Servers)
        {
            Assert.Equal(1, server.Weight);
            Assert.Equal(0, server.MaxConn);
            Assert.Equal(TimeSpan.Zero, server.SlowStart);
            Assert.True(server.Check.Enabled);
            Assert.Equal(HealthCheckType.Https, server.Check.Type);
            Assert.Equal(TlsVerify.None, server.Check.Tls.Verify);
            Assert.Equal(TimeSpan.FromSeconds(2), server.Check.Inter);
            Assert.Equal(2, server.Check.Rise);
            Assert.Equal(3, server.Check.Fall);
        }
    }
}
