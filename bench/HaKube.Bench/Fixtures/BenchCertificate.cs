using System.Security.Cryptography.X509Certificates;
using HaKube.NetLab;

namespace HaKube.Bench.Fixtures;

/// <summary>
/// One self-signed RSA-2048 server certificate (kubeadm's key type) shared by every backend, made with openssl.
/// Clients pin it by hash instead of trusting anything: the balancers pass TLS through, so the client must see it.
/// </summary>
internal sealed class BenchCertificate
{
    private BenchCertificate(string certFile, string keyFile, string hash)
    {
        CertFile = certFile;
        KeyFile = keyFile;
        Hash = hash;
    }

    public const string ServerName = "apiserver.test";

    public string CertFile { get; }

    public string KeyFile { get; }

    /// <summary>The certificate's SHA-1 hash as <see cref="X509Certificate.GetCertHashString()"/> writes it.</summary>
    public string Hash { get; }

    /// <summary>Makes the certificate in <paramref name="directory"/>, running openssl inside <paramref name="host"/> (no network needed).</summary>
    public static async Task<BenchCertificate> CreateAsync(LabHost host, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        await host.RunCheckedAsync(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + ServerName,
             "-addext", $"subjectAltName=DNS:{ServerName},IP:198.18.0.10", "-keyout", key, "-out", cert],
            ct: ct);
        using var x509 = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(cert, ct));
        return new BenchCertificate(cert, key, x509.GetCertHashString());
    }

    /// <summary>True when <paramref name="presented"/> is this certificate.</summary>
    public bool Matches(X509Certificate? presented) => presented is not null && presented.GetCertHashString() == Hash;
}
