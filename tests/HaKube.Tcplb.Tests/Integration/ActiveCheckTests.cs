using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>
/// The real binary's active checks against nginx: an HTTPS /readyz check takes a server out on a 500 while TCP
/// connects to it still succeed (what a TCP-only checker gets wrong), and a TLS check with the wrong CA fails at layer 6.
/// </summary>
[Collection(TcplbLabGroup.Name)]
public sealed class ActiveCheckTests(TcplbLab lab)
{
    private const int Rise = 2;
    private const int Fall = 3;

    [Fact]
    public async Task HttpsReadyz500_TakesTheServerOutAfterFall_WhileItStillAcceptsTcp_BackAfterRise()
    {
        var config = HttpsCheckConfig(lab.Certificates.Ca);
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, config, name: "https-check");
        var b1 = lab.Backends[0];
        try
        {
            // A server starts in service at the lowest UP health (rise), as in HAProxy, so one failure would take it
            // down; only at full health (rise + fall - 1) does it take exactly fall failures.
            await Wait.UntilAsync(async _ => (await CheckHealthAsync(tcplb, "b1")) == Rise + Fall - 1, Bound, "b1 at full check health");
            b1.SetReadyz(false);

            // On a loaded machine a 300 ms probe may time out first and take b1 down with a Layer4/6 reason; what
            // matters is that it is down and that the HTTPS check is what keeps it there.
            await Wait.UntilAsync(
                async _ => await ServerAsync(tcplb, "b1") is { Check: "L7STS" } s && s.Status.StartsWith("DOWN", StringComparison.Ordinal),
                Bound, "b1 down with a failing HTTPS check (L7STS)");
            var down = await tcplb.WaitForLogAsync("server kube-apiserver/b1 is DOWN", Bound);
            var status = await ServerAsync(tcplb, "b1");
            // b1 still accepts TCP (and TLS): only the HTTPS check sees that it is not ready.
            var tcp = await lab.Client.RunAsync(["timeout", "2", "bash", "-c", $"exec 3<>/dev/tcp/{b1.Address}/6443"]);
            var answers = new List<string>();
            for (var i = 0; i < 9; i++)
            {
                var (exit, body) = await lab.CurlAsync("/whoami");
                Assert.Equal(0, exit);
                answers.Add(body);
            }

            Assert.Contains("by checks", down, StringComparison.Ordinal);
            Assert.Equal(0, tcp.ExitCode);
            Assert.StartsWith("DOWN", status.Status, StringComparison.Ordinal);
            Assert.True(status.FailedChecks >= Fall, $"{status.FailedChecks} failed checks"); // exactly fall: Checks/HealthCheckServiceNginxTests
            Assert.StartsWith("Layer7 wrong status: 500", status.LastCheck, StringComparison.Ordinal);
            Assert.Equal(("L7STS", 500), (status.Check, status.Code));
            Assert.DoesNotContain("b1", answers);
            Assert.Equal(["b2", "b3"], answers.Distinct().Order());

            b1.SetReadyz(true);
            await tcplb.WaitForLogAsync("server kube-apiserver/b1 is UP", Bound);
            status = await ServerAsync(tcplb, "b1");
            Assert.StartsWith("UP", status.Status, StringComparison.Ordinal);
            Assert.Equal(("L7OK", 200), (status.Check, status.Code));
            await Wait.UntilAsync(async _ => (await lab.CurlAsync("/whoami")) is (0, "b1"), Bound, "b1 to take connections again");
        }
        finally
        {
            b1.SetReadyz(true);
        }
    }

    [Fact]
    public async Task TlsCheckAgainstTheWrongCa_MarksEveryServerDownWithALayer6Reason()
    {
        var wrongCa = Path.Combine(lab.Balancer.DataDirectory, "wrong-ca.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=not-the-lab-ca", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllTextAsync(wrongCa, ca.ExportCertificatePem());
        }

        var config = lab.Config($"check check-ssl ca-file {wrongCa}", "inter 300ms fastinter 200ms downinter 300ms rise 2 fall 2");
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, config, name: "tls-wrong-ca");

        await Wait.UntilAsync(async _ => (await BackendAsync(tcplb)).GetProperty("healthy").GetInt32() == 0, Bound, "every server down");
        var (exit, _) = await lab.CurlAsync("/readyz");

        foreach (var name in new[] { "b1", "b2", "b3" })
        {
            var server = await ServerAsync(tcplb, name);
            Assert.StartsWith("DOWN", server.Status, StringComparison.Ordinal);
            Assert.Equal("L6RSP", server.Check);
            Assert.StartsWith("Layer6 invalid response", server.LastCheck, StringComparison.Ordinal);
        }

        Assert.NotEqual(0, exit); // no server left: the connection is closed at once
    }

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The lab's haproxy.cfg with kubeadm's HTTPS check of /readyz, verified against the lab's CA.</summary>
    private string HttpsCheckConfig(string caFile)
        => lab.Config($"check check-ssl ca-file {caFile}", $"inter 300ms fastinter 200ms downinter 300ms rise {Rise} fall {Fall}")
            .Replace("  balance roundrobin\n", "  balance roundrobin\n  option httpchk\n  http-check send meth GET uri /readyz\n  http-check expect status 200\n", StringComparison.Ordinal);

    private static async Task<JsonElement> BackendAsync(TcplbProcess tcplb)
    {
        var status = await tcplb.CliAsync("status", "--json");
        Assert.Equal(0, status.ExitCode);
        using var json = JsonDocument.Parse(status.StandardOutput);
        return json.RootElement.GetProperty("backends")[0].Clone();
    }

    private static async Task<int> CheckHealthAsync(TcplbProcess tcplb, string name)
    {
        var backend = await BackendAsync(tcplb);
        return backend.GetProperty("servers").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("checkHealth").GetInt32();
    }

    private static async Task<(string Status, string? LastCheck, string? Check, int? Code, int FailedChecks)> ServerAsync(TcplbProcess tcplb, string name)
    {
        var backend = await BackendAsync(tcplb);
        var server = backend.GetProperty("servers").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        string? Text(string p) => server.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? Number(string p) => server.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        return (Text("status")!, Text("lastCheck"), Text("checkStatus")?.TrimStart('*', ' '), Number("checkCode"), server.GetProperty("failedChecks").GetInt32());
    }
}
