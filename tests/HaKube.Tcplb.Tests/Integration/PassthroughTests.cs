namespace HaKube.Tcplb.Tests.Integration;

[Collection(TcplbLabGroup.Name)]
public sealed class PassthroughTests(TcplbLab lab)
{
    [Fact]
    public async Task Tls_PassesThroughUntouched_ClientVerifiesTheBackendsCertificate()
    {
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, lab.Config());

        var (exit, body) = await lab.CurlAsync("/whoami");

        // curl verified the chain to the lab CA and the name apiserver.test: the certificate is nginx's, not tcplb's.
        Assert.Equal(0, exit);
        Assert.Contains(body, lab.Backends.Select(b => b.Name));
        await tcplb.WaitForLogAsync($" kube-apiserver kube-apiserver/{body} ");
    }

    [Fact]
    public async Task MutualTls_BackendRequiringClientCertificates_SeesTheClientsCertificate()
    {
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, lab.Config());

        var (exit, body) = await lab.CurlAsync("/", port: 6444, clientCertificate: true);
        var (refusedExit, refused) = await lab.CurlAsync("/", port: 6444);

        Assert.Equal(0, exit);
        Assert.EndsWith(" " + LabCertificates.ClientSubject, body, StringComparison.Ordinal);
        // Without a certificate the backend itself refuses (nginx answers 400): tcplb neither terminates nor checks TLS.
        Assert.DoesNotContain(LabCertificates.ClientSubject, refused, StringComparison.Ordinal);
        Assert.True(refusedExit != 0 || refused.Contains("No required SSL certificate", StringComparison.Ordinal), refused);
    }
}
