using System.Net;
using HaKube.Common.Configuration;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>The reference guide's haproxy.cfg, copied verbatim, reads with zero errors into exactly this model.</summary>
public sealed class GuideHaproxyCfgTests
{
    private static readonly ConfigLoadResult Result = ConfigLoader.Load(TestFiles.Path("guide-haproxy.cfg"));

    [Fact]
    public void Guide_ParsesWithoutErrors()
    {
        Assert.DoesNotContain(Result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.True(Result.Succeeded);
        Assert.Equal(ConfigFormat.Haproxy, Result.Options!.Format);
    }

    [Fact]
    public void Guide_Global_MaxConnPidfileLogLevelUserGroup()
    {
        var global = Result.Options!.Global;
        Assert.Equal(4000, global.MaxConn);
        Assert.Equal("/var/run/haproxy.pid", global.PidFile);
        Assert.Equal(SyslogLevel.Warning, global.LogLevel);
        var log = Assert.Single(global.Logs);
        Assert.Equal(("/dev/log", LogTargetKind.UnixSocket, "/dev/log"), (log.Target, log.Kind, log.Path));
        Assert.Equal((SyslogFacility.Local0, SyslogFormat.Rfc3164), (log.Facility, log.Format));
        Assert.Equal(SyslogLevel.Warning, log.MaxLevel);
        Assert.Equal("haproxy", global.User);
        Assert.Equal("haproxy", global.Group);
    }

    [Fact]
    public void Guide_Frontend_BindsAnyOn6443_WithDefaultsTimeoutClient50s()
    {
        var frontend = Assert.Single(Result.Options!.Frontends);
        Assert.Equal("kube-apiserver", frontend.Name);
        var bind = Assert.Single(frontend.Binds);
        Assert.Null(bind.Address);
        Assert.Equal(6443, bind.Port);
        Assert.False(bind.FreeBind);
        Assert.Equal("kube-apiserver", frontend.DefaultBackend);
        Assert.Null(frontend.MaxConn);
        Assert.Equal(TimeSpan.FromSeconds(50), frontend.Timeouts.Client);
        Assert.Null(frontend.Timeouts.ClientFin);
        Assert.True(frontend.LogConnections);
        Assert.True(frontend.DontLogNull);
    }

    [Fact]
    public void Guide_Backend_RoundRobin_TcpCheck_TimeoutsFromDefaults()
    {
        var backend = Assert.Single(Result.Options!.Backends);
        Assert.Equal("kube-apiserver", backend.Name);
        Assert.Equal(BalanceAlgorithm.RoundRobin, backend.Balance);
        Assert.Null(backend.HttpCheck);
        Assert.Equal(TimeSpan.FromMilliseconds(5000), backend.Timeouts.Connect);
        Assert.Equal(TimeSpan.FromSeconds(50), backend.Timeouts.Server);
        Assert.Null(backend.Timeouts.Tunnel);
        Assert.Equal(TimeSpan.FromSeconds(5), backend.Timeouts.Queue); // timeout queue defaults to timeout connect
        Assert.Null(backend.Timeouts.Check);
        Assert.Equal(3, backend.Retry.Retries);
        // No 'option redispatch' in the guide: tcplb still moves a failed connect to another server at once (every retry).
        Assert.Equal((true, 1), (backend.Retry.Redispatch, backend.Retry.RedispatchInterval));
        Assert.False(backend.AllBackups);
    }

    [Fact]
    public void Guide_Servers_InheritDefaultServer_AndAreChecked()
    {
        var backend = Assert.Single(Result.Options!.Backends);
        Assert.Equal(["kube-apiserver-1", "kube-apiserver-2", "kube-apiserver-3"], backend.Servers.Select(s => s.Name));
        Assert.Equal(["172.16.0.4", "172.16.0.5", "172.16.0.6"], backend.Servers.Select(s => s.Address.Ip!.ToString()));
        foreach (var server in backend.Servers)
        {
            Assert.Equal(6443, server.Address.Port);
            Assert.Equal(100, server.Weight);
            Assert.Equal(250, server.MaxConn);
            Assert.Equal(256, server.MaxQueue);
            Assert.Equal(TimeSpan.FromSeconds(60), server.SlowStart);
            Assert.False(server.Backup);
            Assert.False(server.Disabled);
            Assert.Equal(SessionCloseGrace.Default, server.SessionCloseGrace);
            var check = server.Check;
            Assert.True(check.Enabled);
            Assert.Equal(HealthCheckType.Tcp, check.Type);
            Assert.Equal(TimeSpan.FromSeconds(10), check.Inter);
            Assert.Null(check.FastInter);
            Assert.Equal(TimeSpan.FromSeconds(5), check.DownInter);
            Assert.Equal(2, check.Rise);
            Assert.Equal(2, check.Fall);
            Assert.Null(check.Port);
            Assert.True(check.PassiveMarkDown);
        }

        Assert.Equal(IPAddress.Parse("172.16.0.4"), backend.Servers[0].Address.Ip);
        Assert.Equal(32, backend.Servers[0].Source.Line);
    }

    [Fact]
    public void Guide_NotesWhatMeansNothingToTcplb_OneWarningEach()
    {
        var warnings = Result.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(d => (d.Line, d.Field)).ToList();
        Assert.Contains((3, "chroot"), warnings);
        Assert.Contains((6, "user"), warnings);
        Assert.Contains((7, "group"), warnings);
        Assert.Contains((8, "daemon"), warnings);
        Assert.Contains((10, "stats socket"), warnings);
        Assert.Contains((14, "option httplog"), warnings);
        Assert.Contains((28, "option tcplog"), warnings);
        Assert.Equal(warnings.Count, warnings.Distinct().Count());
    }
}
