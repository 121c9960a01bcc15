using HaKube.Tcplb.Checks;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Tests.DataPlane;
using Microsoft.Extensions.Logging.Abstractions;
using static HaKube.Tcplb.Tests.Checks.CheckBackends;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>Real probes against real servers on loopback: a TCP listener, a closed port, nginx with TLS and with mutual TLS.</summary>
public sealed class CheckProberTests(NginxBackend nginx) : IClassFixture<NginxBackend>
{
    [Fact]
    public async Task Tcp_AgainstAListener_Passes()
    {
        await using var server = TestServer.Echo();

        var result = await ProbeAsync(Server("s1", server.EndPoint.Port, Check(HealthCheckType.Tcp, inter: 5000)));

        Assert.Equal("Layer4 check passed", result.ToString());
    }

    [Fact]
    public async Task Tcp_AgainstAClosedPort_IsALayer4ConnectionProblem()
    {
        var result = await ProbeAsync(Server("s1", TestServer.ClosedPort().Port, Check(HealthCheckType.Tcp, inter: 5000)));

        Assert.Equal("Layer4 connection problem: Connection refused", result.ToString());
        Assert.Equal("L4CON", result.Code);
    }

    [Fact]
    public async Task Tls_VerifyNone_PassesAgainstNginx()
    {
        var result = await ProbeAsync(TlsServer(nginx.TlsPort, HealthCheckType.Tls, new CheckTlsOptions { Verify = TlsVerify.None }));

        Assert.Equal("Layer6 check passed", result.ToString());
    }

    [Fact]
    public async Task Tls_VerifiedAgainstTheCaFile_Passes()
    {
        var result = await ProbeAsync(TlsServer(nginx.TlsPort, HealthCheckType.Tls, new CheckTlsOptions { CaFile = nginx.CaFile }));

        Assert.Equal("Layer6 check passed", result.ToString());
    }

    [Fact]
    public async Task Tls_VerifiedAgainstAnotherCa_IsALayer6InvalidResponse()
    {
        var result = await ProbeAsync(TlsServer(nginx.TlsPort, HealthCheckType.Tls, new CheckTlsOptions { CaFile = nginx.OtherCaFile }));

        // The server sends its leaf only: with the wrong CA its issuer is nowhere (PartialChain).
        Assert.StartsWith("Layer6 invalid response: handshake failed: certificate verify failed: ", result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiserver.test", "Layer6 check passed")]
    [InlineData("other.test", "Layer6 invalid response: handshake failed: certificate name does not match 'other.test'")]
    public async Task Tls_WithSni_AlsoChecksTheName(string sni, string expected)
    {
        var result = await ProbeAsync(TlsServer(nginx.TlsPort, HealthCheckType.Tls, new CheckTlsOptions { CaFile = nginx.CaFile, Sni = sni }));

        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public async Task Tls_AgainstAServerThatClosesAtOnce_IsAFailedHandshake()
    {
        await using var server = TestServer.AcceptAndClose();

        var result = await ProbeAsync(TlsServer(server.EndPoint.Port, HealthCheckType.Tls, new CheckTlsOptions { Verify = TlsVerify.None }));

        Assert.Equal(CheckStatus.Layer6Response, result.Status);
        Assert.StartsWith("Layer6 invalid response: handshake failed: ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_ReadyzAnswers200_Passes()
    {
        var result = await ProbeAsync(TlsServer(nginx.TlsPort, HealthCheckType.Https, new CheckTlsOptions { CaFile = nginx.CaFile }));

        Assert.Equal("Layer7 check passed: 200 OK", result.ToString());
    }

    [Fact]
    public async Task Https_ToAClosedPort_IsALayer4ConnectionProblem()
    {
        var result = await ProbeAsync(TlsServer(TestServer.ClosedPort().Port, HealthCheckType.Https, new CheckTlsOptions { Verify = TlsVerify.None }));

        Assert.Equal("Layer4 connection problem: Connection refused", result.ToString());
    }

    [Fact]
    public async Task Https_VerifiedAgainstAnotherCa_IsALayer6InvalidResponse()
    {
        var result = await ProbeAsync(TlsServer(nginx.TlsPort, HealthCheckType.Https, new CheckTlsOptions { CaFile = nginx.OtherCaFile }));

        Assert.StartsWith("Layer6 invalid response: handshake failed: certificate verify failed", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_MutualTls_AnonymousProbeIsRefused_ProbeWithTheClientCertificatePasses()
    {
        var anonymous = await ProbeAsync(TlsServer(nginx.MutualTlsPort, HealthCheckType.Https, new CheckTlsOptions { CaFile = nginx.CaFile }));
        var withCertificate = await ProbeAsync(TlsServer(nginx.MutualTlsPort, HealthCheckType.Https, new CheckTlsOptions
        {
            CaFile = nginx.CaFile,
            ClientCertificateFile = nginx.ClientCertificateFile,
            ClientKeyFile = nginx.ClientKeyFile,
        }));

        // nginx answers a TLS 1.3 client without a certificate with HTTP 400 ("No required SSL certificate was sent").
        Assert.Equal("Layer7 wrong status: 400 Bad Request", anonymous.ToString());
        Assert.Equal("Layer7 check passed: 200 OK", withCertificate.ToString());
    }

    [Fact]
    public void MissingCaFile_FailsAtLoad_NamingServerAndFile()
    {
        var backend = Backend("be", TlsServer(nginx.TlsPort, HealthCheckType.Tls, new CheckTlsOptions { CaFile = "/nonexistent/ca.pem" }));
        using var yarp = new YarpProxyState([backend], NullLoggerFactory.Instance);

        var e = Assert.Throws<InvalidOperationException>(() => new CheckProber([backend], yarp, TimeProvider.System));

        Assert.Contains("backend 'be' server 's1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/ca.pem", e.Message, StringComparison.Ordinal);
    }

    private static ServerOptions TlsServer(int port, HealthCheckType type, CheckTlsOptions tls)
        => Server("s1", port, Check(type, inter: 5000) with { Tls = tls });

    private static async Task<ProbeResult> ProbeAsync(ServerOptions server)
    {
        var backend = Backend("be", server);
        using var yarp = new YarpProxyState([backend], NullLoggerFactory.Instance);
        using var prober = new CheckProber([backend], yarp, TimeProvider.System);
        var target = CheckTarget.For(0, backend, 0);
        using var bound = new CancellationTokenSource(target.Timeouts.Total);
        return await prober.ProbeAsync(target, bound.Token);
    }
}
