using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HaKube.Installer.Lab;

/// <summary>
/// A CA for one lab and a server certificate per master, whose names cover the master's address, the VIP and
/// the names a kubeconfig uses, so a client verifies an apiserver through the VIP as kubectl would.
/// </summary>
internal static class LabPki
{
    /// <summary>Writes ca.pem and NAME.pem / NAME-key.pem for each master into <paramref name="directory"/>.</summary>
    public static void Create(string directory, IEnumerable<LabNode> masters, IPAddress vip)
    {
        Directory.CreateDirectory(directory);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=hakube-lab-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        File.WriteAllText(Path.Combine(directory, "ca.pem"), ca.ExportCertificatePem());

        var serial = 1;
        foreach (var master in masters)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN=kube-apiserver-{master.Name}", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in new[] { master.Name, "kubernetes", "kubernetes.default", "kubernetes.default.svc", "lb.kubesphere.local", "localhost" })
            {
                san.AddDnsName(name);
            }

            san.AddIpAddress(master.Address);
            san.AddIpAddress(vip);
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var cert = request.Create(ca, now.AddHours(-1), now.AddDays(30), [0x10, (byte)serial++]);
            File.WriteAllText(Path.Combine(directory, master.Name + ".pem"), cert.ExportCertificatePem());
            File.WriteAllText(Path.Combine(directory, master.Name + "-key.pem"), key.ExportPkcs8PrivateKeyPem());
        }
    }
}
