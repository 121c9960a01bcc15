using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HaKube.Lab.Tests;

public sealed class ApiServerStandInTests
{
    private const int SigUsr1 = 10;
    private const int SigTerm = 15;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static HttpClient Client(X509Certificate2? clientCert = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        if (clientCert is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCert];
        }

        return new HttpClient(handler) { Timeout = Bound };
    }

    [Fact]
    public async Task Health_Endpoints_AnswerOk_OverTls()
    {
        await using var server = await StandInProcess.StartAsync();
        using var http = Client();
        foreach (var path in new[] { "/readyz", "/livez", "/healthz" })
        {
            var response = await http.GetAsync(server.Url(path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task SigUsr1_TogglesReadiness_LivenessStaysOk()
    {
        await using var server = await StandInProcess.StartAsync();
        using var http = Client();

        server.Signal(SigUsr1);
        await NetLab.Wait.UntilAsync(async ct => (await http.GetAsync(server.Url("/readyz"), ct)).StatusCode == HttpStatusCode.InternalServerError, Bound, "/readyz to fail");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(server.Url("/livez"))).StatusCode);

        server.Signal(SigUsr1);
        await NetLab.Wait.UntilAsync(async ct => (await http.GetAsync(server.Url("/readyz"), ct)).IsSuccessStatusCode, Bound, "/readyz to pass again");
    }

    [Fact]
    public async Task SigTerm_FailsReadyzFirst_KeepsServing_ThenExits()
    {
        await using var server = await StandInProcess.StartAsync("--shutdown-delay", "5");
        using var http = Client();
        using var watch = await http.GetAsync(server.Url("/api/v1/watch/events"), HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await watch.Content.ReadAsStreamAsync());
        Assert.Contains("\"server\":\"m1\"", await events.ReadLineAsync(), StringComparison.Ordinal);

        server.Signal(SigTerm);

        // The signal is handled on its own thread: a request sent at once may still be answered ready.
        string? body = null;
        await NetLab.Wait.UntilAsync(async ct =>
        {
            using var readyz = await http.GetAsync(server.Url("/readyz"), ct);
            body = await readyz.Content.ReadAsStringAsync(ct);
            return readyz.StatusCode == HttpStatusCode.InternalServerError;
        }, Bound, "/readyz to fail after SIGTERM");
        Assert.Contains("[-]shutdown failed", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(server.Url("/livez"))).StatusCode);
        // The watch ends when the server stops, and the process exits cleanly.
        while (await events.ReadLineAsync().WaitAsync(Bound) is not null)
        {
        }

        Assert.Equal(0, await server.WaitForExitAsync(Bound));
    }

    [Fact]
    public async Task ClientCa_RequiresAClientCertificate_AndReportsItsSubject()
    {
        var dir = Directory.CreateTempSubdirectory("hakube-standin-");
        try
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("CN=test-ca", caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var caFile = Path.Combine(dir.FullName, "ca.pem");
            await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());

            using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var clientRequest = new CertificateRequest("CN=kubernetes-admin, O=system:masters", clientKey, HashAlgorithmName.SHA256);
            clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
            using var issued = clientRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);
            using var clientCert = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(clientKey).Export(X509ContentType.Pkcs12), null);

            await using var server = await StandInProcess.StartAsync("--client-ca", caFile);

            using var anonymous = Client();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.GetAsync(server.Url("/whoami")));

            using var authenticated = Client(clientCert);
            var body = await authenticated.GetStringAsync(server.Url("/whoami"));
            Assert.Contains("CN=kubernetes-admin", body, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
