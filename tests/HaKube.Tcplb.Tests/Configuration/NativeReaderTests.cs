using HaKube.Common.Configuration;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>The native JSON format: YARP-shaped clusters, tcplb sections, findings with line and property path.</summary>
public sealed class NativeReaderTests
{
    private const string File = "/etc/tcplb/tcplb.json";

    private static ConfigLoadResult Parse(string json) => ConfigLoader.Parse(json, File);

    private static string Minimal(string destination = "\"Address\": \"10.0.0.1:6443\"", string cluster = "", string frontend = "") => $$"""
        {
          "Frontends": { "api": { "DefaultBackend": "k"{{frontend}} } },
          "ReverseProxy": {
            "Clusters": {
              "k": {
                {{cluster}}"Destinations": { "m1": { {{destination}} } }
              }
            }
          }
        }
        """;

    [Fact]
    public void GuideJson_ReadsWithoutFindings_IntoTheGuidesModel()
    {
        var result = ConfigLoader.Load(TestFiles.Path("guide-tcplb.json"));
        Assert.Empty(result.Diagnostics);
        var options = result.Options!;
        Assert.Equal(ConfigFormat.Native, options.Format);
        Assert.Equal(4000, options.Global.MaxConn);
        Assert.Equal(SyslogLevel.Warning, options.Global.LogLevel);
        var frontend = Assert.Single(options.Frontends);
        var bind = Assert.Single(frontend.Binds);
        Assert.Equal((null, 6443, true), (bind.Address, bind.Port, bind.FreeBind));
        Assert.Equal(TimeSpan.FromSeconds(50), frontend.Timeouts.Client);
        var backend = Assert.Single(options.Backends);
        Assert.Equal(BalanceAlgorithm.RoundRobin, backend.Balance);
        Assert.Equal(("GET", "/readyz"), (backend.HttpCheck!.Method, backend.HttpCheck.Path));
        Assert.Equal(TimeSpan.FromHours(1), backend.Timeouts.Tunnel);
        Assert.Equal(TimeSpan.FromSeconds(5), backend.Timeouts.Check);
        Assert.True(backend.Retry.Redispatch);
        Assert.Equal(["kube-apiserver-1", "kube-apiserver-2", "kube-apiserver-3"], backend.Servers.Select(s => s.Name));
        foreach (var server in backend.Servers)
        {
            Assert.Equal(6443, server.Address.Port);
            Assert.Equal((100, 250, 256), (server.Weight, server.MaxConn, server.MaxQueue));
            Assert.Equal(TimeSpan.FromSeconds(60), server.SlowStart);
            Assert.Equal(SessionCloseGrace.Default, server.SessionCloseGrace);
            Assert.True(server.Check.Enabled);
            Assert.Equal(HealthCheckType.Https, server.Check.Type);
            Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 2, 2), (server.Check.Inter, server.Check.DownInter!.Value, server.Check.Rise, server.Check.Fall));
            Assert.Equal("/etc/kubernetes/pki/ca.crt", server.Check.Tls.CaFile);
        }
    }

    [Fact]
    public void NativeDefaults_BindAny6443_LongTunnel_RedispatchEveryRetry()
    {
        var result = Parse(Minimal());
        Assert.True(result.Succeeded);
        var options = result.Options!;
        Assert.Equal(6443, options.Frontends[0].Binds[0].Port);
        var backend = options.Backends[0];
        Assert.True(backend.Timeouts.Tunnel >= TimeSpan.FromHours(1));
        Assert.Equal((3, true, 1), (backend.Retry.Retries, backend.Retry.Redispatch, backend.Retry.RedispatchInterval));
        Assert.False(backend.Servers[0].Check.Enabled);
    }

    [Fact]
    public void UnknownProperty_WarningWithLineAndPath()
    {
        var result = Parse(Minimal("\"Address\": \"10.0.0.1:6443\", \"Wieght\": 3"));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((Severity.Warning, 6, "ReverseProxy.Clusters.k.Destinations.m1.Wieght"), (warning.Severity, warning.Line, warning.Field));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void TypeErrors_AllReported_WithLineAndPath()
    {
        var result = Parse(Minimal("\"Address\": 6443, \"Tcplb\": { \"Weight\": \"heavy\" }", frontend: ", \"MaxConn\": true"));
        Assert.False(result.Succeeded);
        Assert.Null(result.Options);
        Assert.Equal(
            [(2, "Frontends.api.MaxConn"), (6, "ReverseProxy.Clusters.k.Destinations.m1.Address"), (6, "ReverseProxy.Clusters.k.Destinations.m1.Tcplb.Weight")],
            result.Diagnostics.Select(d => (d.Line, d.Field)));
        Assert.All(result.Diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void WeightOutOfRange_ValidatorErrorAtThePropertyLine()
    {
        var result = Parse(Minimal("\"Address\": \"10.0.0.1:6443\",\n \"Tcplb\": { \"Weight\": 300 }"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((7, "ReverseProxy.Clusters.k.Destinations.m1.Tcplb.Weight"), (error.Line, error.Field));
        Assert.Contains("0..256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadTime_ErrorAtLine_SecondUnitNotAllowed()
    {
        var result = Parse(Minimal(cluster: "\"HealthCheck\": { \"Active\": { \"Enabled\": true, \"Interval\": \"1m30s\" } },\n"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((6, "ReverseProxy.Clusters.k.HealthCheck.Active.Interval"), (error.Line, error.Field));
    }

    [Fact]
    public void YarpTimeSpanIntervalAndThresholdMetadata_AreRead()
    {
        var result = Parse(Minimal(cluster: "\"Metadata\": { \"ConsecutiveFailuresHealthPolicy.Threshold\": \"4\" }, \"HealthCheck\": { \"Active\": { \"Enabled\": true, \"Interval\": \"00:00:15\" } },\n"));
        Assert.True(result.Succeeded);
        var check = result.Options!.Backends[0].Servers[0].Check;
        Assert.Equal((TimeSpan.FromSeconds(15), 4), (check.Inter, check.Fall));
    }

    [Fact]
    public void SessionCloseGraceNever()
    {
        var result = Parse(Minimal("\"Address\": \"10.0.0.1:6443\", \"Tcplb\": { \"SessionCloseGrace\": \"never\" }"));
        Assert.True(result.Options!.Backends[0].Servers[0].SessionCloseGrace.IsNever);
    }

    [Fact]
    public void InvalidJson_ErrorWithLine()
    {
        var error = Assert.Single(Parse("{\n  \"Global\": {\n    \"MaxConn\": 1,,\n  }\n}").Diagnostics);
        Assert.Equal((Severity.Error, 3), (error.Severity, error.Line));
    }

    [Fact]
    public void DetectFormat_FirstNonBlankBrace_IsJson()
    {
        Assert.Equal(ConfigFormat.Native, ConfigLoader.DetectFormat("\uFEFF \n {"));
        Assert.Equal(ConfigFormat.Haproxy, ConfigLoader.DetectFormat("# {\nglobal"));
    }
}
