using HaKube.Common.Configuration;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>haproxy.cfg semantics and findings: each at file:line and field.</summary>
public sealed class HaproxyReaderTests
{
    private const string File = "/etc/haproxy/haproxy.cfg";

    private static ConfigLoadResult Parse(string text, Func<string, string?>? environment = null)
        => ConfigLoader.Parse(text, File, environment ?? (_ => null));

    private static string Cfg(string backendLines, string frontendLines = "") => $"""
        defaults
            mode tcp
            timeout connect 5s
            timeout client 50s
            timeout server 50s
        frontend f
            bind *:6443
            default_backend b
        {frontendLines}
        backend b
        {backendLines}
        """;

    private static Diagnostic Single(ConfigLoadResult result, Severity severity) => Assert.Single(result.Diagnostics, d => d.Severity == severity);

    [Fact]
    public void ServerWeightOutOfRange_ErrorAtServerLine_FieldWeight()
    {
        var result = Parse(Cfg("    server s1 10.0.0.1:6443 check weight 257"));
        var error = Single(result, Severity.Error);
        Assert.Equal((File, 11, "weight"), (error.File, error.Line, error.Field));
        Assert.Contains("0..256", error.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void DefaultServerRiseZero_ErrorAtDefaultServerLine()
    {
        var result = Parse(Cfg("    default-server rise 0\n    server s1 10.0.0.1:6443 check"));
        var error = Single(result, Severity.Error);
        Assert.Equal((11, "rise"), (error.Line, error.Field));
    }

    [Fact]
    public void DefaultBackendUndefined_ErrorAtDefaultBackendLine()
    {
        var result = Parse(Cfg("    server s1 10.0.0.1:6443", "    default_backend nope"));
        var error = Single(result, Severity.Error);
        Assert.Equal((9, "default_backend"), (error.Line, error.Field));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("defined: b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateServerName_ErrorAtSecondLine()
    {
        var error = Single(Parse(Cfg("    server s1 10.0.0.1:6443\n    server s1 10.0.0.2:6443")), Severity.Error);
        Assert.Equal((12, "server"), (error.Line, error.Field));
        Assert.Contains("line 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadTimeUnit_ErrorNamesLineAndTimeout()
    {
        var result = Parse(Cfg("    timeout queue 10S\n    server s1 10.0.0.1:6443"));
        var error = Single(result, Severity.Error);
        Assert.Equal((11, "timeout queue"), (error.Line, error.Field));
        Assert.Contains("'S'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadServerAddress_ErrorAtLine()
    {
        var error = Single(Parse(Cfg("    server s1 300.0.0.1:6443")), Severity.Error);
        Assert.Equal((11, "server s1"), (error.Line, error.Field));
        Assert.Contains("not an IPv4 address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindPortOutOfRange_Error()
    {
        var error = Single(Parse(Cfg("    server s1 10.0.0.1:6443").Replace("*:6443", "*:70000", StringComparison.Ordinal)), Severity.Error);
        Assert.Equal((7, "bind"), (error.Line, error.Field));
    }

    [Fact]
    public void UnknownDirective_WarningAtLine_StillStarts()
    {
        var result = Parse(Cfg("    frobnicate 1\n    server s1 10.0.0.1:6443"));
        var warning = Single(result, Severity.Warning);
        Assert.Equal((File, 11, "frobnicate"), (warning.File, warning.Line, warning.Field));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void UnknownServerKeyword_Error_AsHaproxy()
    {
        var error = Single(Parse(Cfg("    server s1 10.0.0.1:6443 check foo 1")), Severity.Error);
        Assert.Equal((11, "foo"), (error.Line, error.Field));
    }

    [Fact]
    public void MaxqueueWithoutMaxconn_Warning()
    {
        var warning = Single(Parse(Cfg("    server s1 10.0.0.1:6443 maxqueue 10")), Severity.Warning);
        Assert.Equal((11, "maxqueue"), (warning.Line, warning.Field));
    }

    [Fact]
    public void TlsCheckWithoutCaFileOrVerifyNone_Error_AsHaproxy()
    {
        var error = Single(Parse(Cfg("    option httpchk GET /readyz\n    http-check connect ssl\n    server s1 10.0.0.1:6443 check")), Severity.Error);
        Assert.Equal((13, "verify"), (error.Line, error.Field));
        Assert.Contains("verify none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModeHttpLeftInBackend_ErrorAtModeLine()
    {
        var error = Single(Parse(Cfg("    mode http\n    server s1 10.0.0.1:6443")), Severity.Error);
        Assert.Equal((11, "mode"), (error.Line, error.Field));
    }

    [Fact]
    public void NoServerCheck_MeansNeverChecked()
    {
        var server = Parse(Cfg("    server s1 10.0.0.1:6443")).Options!.Backends[0].Servers[0];
        Assert.False(server.Check.Enabled);
    }

    [Fact]
    public void DefaultServer_AppliesOnlyToLaterServerLines()
    {
        var servers = Parse(Cfg("    server s1 10.0.0.1:6443\n    default-server weight 50\n    server s2 10.0.0.2:6443\n    server s3 10.0.0.3:6443 weight 7")).Options!.Backends[0].Servers;
        Assert.Equal([1, 50, 7], servers.Select(s => s.Weight));
    }

    [Fact]
    public void DefaultsInheritance_LastDefaultsSectionApplies_ToProxiesAfterIt()
    {
        var options = Parse("""
            defaults
                timeout connect 1s
                timeout client 1s
                timeout server 1s
            backend a
                server s 10.0.0.1:1
            defaults
                timeout connect 2s
                timeout client 2s
                timeout server 2s
                default-server maxconn 9
            frontend f
                bind :6443
                default_backend b
            backend b
                server s 10.0.0.1:1
            """).Options!;
        Assert.Equal(TimeSpan.FromSeconds(1), options.Backends[0].Timeouts.Connect);
        Assert.Equal(0, options.Backends[0].Servers[0].MaxConn);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Backends[1].Timeouts.Connect);
        Assert.Equal(9, options.Backends[1].Servers[0].MaxConn);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Frontends[0].Timeouts.Client);
    }

    [Fact]
    public void OptionTcpCheckWithoutRules_IsPlainTcpConnect_CheckSslMakesTls()
    {
        var servers = Parse(Cfg("    option tcp-check\n    server s1 10.0.0.1:6443 check\n    server s2 10.0.0.2:6443 check check-ssl verify none")).Options!.Backends[0].Servers;
        Assert.Equal([HealthCheckType.Tcp, HealthCheckType.Tls], servers.Select(s => s.Check.Type));
    }

    [Fact]
    public void HttpchkAfterServerLines_StillAppliesToThem()
    {
        var server = Parse(Cfg("    server s1 10.0.0.1:6443 check verify none\n    option httpchk GET /readyz\n    http-check connect ssl")).Options!.Backends[0].Servers[0];
        Assert.Equal(HealthCheckType.Https, server.Check.Type);
    }

    [Fact]
    public void ZeroTimeout_MeansNone_AsHaproxy()
    {
        var options = Parse(Cfg("    timeout server 0\n    server s1 10.0.0.1:6443")).Options!;
        Assert.Equal(Timeout.InfiniteTimeSpan, options.Backends[0].Timeouts.Server);
    }

    [Fact]
    public void Listen_IsFrontendAndBackend()
    {
        var options = Parse("""
            listen api
                bind 10.0.0.10:6443 transparent
                mode tcp
                timeout client 1s
                timeout connect 1s
                timeout server 1s
                balance leastconn
                server m1 10.0.0.1:6443 backup
            """).Options!;
        var frontend = Assert.Single(options.Frontends);
        Assert.Equal("api", frontend.DefaultBackend);
        Assert.True(frontend.Binds[0].FreeBind);
        Assert.Equal("10.0.0.10", frontend.Binds[0].Address!.ToString());
        var backend = Assert.Single(options.Backends);
        Assert.Equal(BalanceAlgorithm.LeastConn, backend.Balance);
        Assert.True(backend.Servers[0].Backup);
    }

    [Fact]
    public void Quoting_Escapes_Comments_AndEnvironment_AsHaproxy()
    {
        var env = new Dictionary<string, string> { ["PORT"] = "7443", ["W"] = "5" };
        var result = Parse(Cfg("""
                server s1 "10.0.0.1:${PORT}" weight $W # comment
                server 's 2' 10.0.0.2:6443 weight "1"2#x
                server s\ 3 10.0.0.3:6443 weight ${UNSET-9}
            """), n => env.GetValueOrDefault(n));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        var servers = result.Options!.Backends[0].Servers;
        Assert.Equal(["s1", "s 2", "s 3"], servers.Select(s => s.Name));
        Assert.Equal(7443, servers[0].Address.Port);
        Assert.Equal([5, 12, 9], servers.Select(s => s.Weight));
    }

    [Fact]
    public void UnsetEnvironmentVariable_WarnsAndExpandsEmpty()
    {
        var warning = Single(Parse(Cfg("    server s1 10.0.0.1:6443 maxconn 1$NOPE")), Severity.Warning);
        Assert.Equal((11, "NOPE"), (warning.Line, warning.Field));
    }

    [Fact]
    public void UnmatchedQuote_ErrorAtLine()
    {
        var error = Single(Parse(Cfg("    server s1 \"10.0.0.1:6443")), Severity.Error);
        Assert.Equal(11, error.Line);
        Assert.Contains("quote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BalanceRandomTwo_AndOnMarkedDownShutdownSessions()
    {
        var backend = Parse(Cfg("    balance random(2)\n    server s1 10.0.0.1:6443 on-marked-down shutdown-sessions")).Options!.Backends[0];
        Assert.Equal((BalanceAlgorithm.Random, 2), (backend.Balance, backend.RandomDraws));
        Assert.Equal(TimeSpan.Zero, backend.Servers[0].SessionCloseGrace.Delay);
    }

    [Fact]
    public void MultipleProblems_AllReported()
    {
        var result = Parse(Cfg("    server s1 10.0.0.1:6443 check weight 300 rise 0 fall 0\n    server s1 10.0.0.1:0"));
        Assert.Equal(["weight", "rise", "fall", "server"], result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Field));
    }
}
