using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>A CA, the backends' server certificate (apiserver.test) and a client certificate (CN=kubectl-test), made with openssl.</summary>
internal sealed class LabCertificates
{
    public const string ServerName = "apiserver.test";
    public const string ClientSubject = "CN=kubectl-test";

    private LabCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public string Ca => Path.Combine(Directory, "ca.pem");

    public string ServerCertificate => Path.Combine(Directory, "server.pem");

    public string ServerKey => Path.Combine(Directory, "server.key");

    public string ClientCertificate => Path.Combine(Directory, "client.pem");

    public string ClientKey => Path.Combine(Directory, "client.key");

    public static async Task<LabCertificates> CreateAsync(LabHost host, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var c = new LabCertificates(directory);
        var bound = TimeSpan.FromSeconds(60);
        await host.RunCheckedAsync(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=hakube-test-ca",
            "-keyout", Path.Combine(directory, "ca.key"), "-out", c.Ca], timeout: bound);
        await IssueAsync(host, c, "server", "/CN=" + ServerName, "subjectAltName=DNS:" + ServerName, bound);
        await IssueAsync(host, c, "client", "/" + ClientSubject, "extendedKeyUsage=clientAuth", bound);
        return c;
    }

    private static async Task IssueAsync(LabHost host, LabCertificates c, string name, string subject, string extension, TimeSpan bound)
    {
        var dir = c.Directory;
        var ext = Path.Combine(dir, name + ".ext");
        await File.WriteAllTextAsync(ext, extension + "\n");
        await host.RunCheckedAsync(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject,
            "-keyout", Path.Combine(dir, name + ".key"), "-out", Path.Combine(dir, name + ".csr")], timeout: bound);
        await host.RunCheckedAsync(["openssl", "x509", "-req", "-in", Path.Combine(dir, name + ".csr"), "-CA", c.Ca, "-CAkey", Path.Combine(dir, "ca.key"),
            "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", Path.Combine(dir, name + ".pem")], timeout: bound);
    }
}
