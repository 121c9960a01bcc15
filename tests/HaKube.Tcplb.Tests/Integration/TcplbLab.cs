using System.Globalization;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>
/// One lab for the integration tests (they run one after another): lb (tcplb), hap (HAProxy), three nginx TLS backends
/// b1..b3 and a client, with certificates. Every test starts its own tcplb; a test that stops a backend starts it again.
/// </summary>
public sealed class TcplbLab : IAsyncLifetime
{
    private Lab? _lab;

    internal Lab Lab => _lab!;

    internal LabHost Balancer { get; private set; } = null!;

    internal LabHost HaproxyHost { get; private set; } = null!;

    internal LabHost Client { get; private set; } = null!;

    internal IReadOnlyList<Nginx> Backends { get; private set; } = [];

    internal LabCertificates Certificates { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _lab = await Lab.CreateAsync();
        IReadOnlyList<PrivateDirectory> daemonHost = [new("/run", PrivateDirectory.Empty), new("/var/lib")];
        Balancer = await _lab.AddHostAsync("lb", new HostOptions { PrivateDirectories = daemonHost });
        HaproxyHost = await _lab.AddHostAsync("hap", new HostOptions { PrivateDirectories = daemonHost });
        var backendHosts = new List<LabHost>();
        for (var i = 1; i <= 3; i++)
        {
            backendHosts.Add(await _lab.AddHostAsync(string.Create(CultureInfo.InvariantCulture, $"b{i}")));
        }

        Client = await _lab.AddHostAsync("client");
        Certificates = await LabCertificates.CreateAsync(Client, Path.Combine(_lab.DataDirectory, "pki"));
        Backends = [.. backendHosts.Select(h => new Nginx(h, Certificates))];
        foreach (var backend in Backends)
        {
            await backend.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }

    /// <summary>Starts every backend that a test stopped.</summary>
    internal async Task RestoreBackendsAsync()
    {
        foreach (var backend in Backends.Where(b => !b.Running))
        {
            await backend.StartAsync();
        }
    }

    /// <summary>An haproxy.cfg for the lab: :6443 round-robin over b1..b3, :6444 to their client-certificate port.</summary>
    internal string Config(string serverOptions = "check", string defaultServer = "inter 1s fastinter 300ms downinter 300ms rise 2 fall 3 slowstart 10s weight 100")
    {
        var servers = string.Join('\n', Backends.Select(b => $"  server {b.Name} {b.Address}:6443 {serverOptions}"));
        var mtls = string.Join('\n', Backends.Select(b => $"  server {b.Name} {b.Address}:6444"));
        return $"""
            global
              log stdout format raw local0 info
            defaults
              log global
              mode tcp
              option tcplog
              timeout connect 2s
              timeout client 50s
              timeout server 50s
            frontend kube-apiserver
              bind *:6443
              default_backend kube-apiserver
            frontend mtls
              bind *:6444
              default_backend mtls
            backend kube-apiserver
              balance roundrobin
              option redispatch
              retries 3
              default-server {defaultServer}
            {servers}
            backend mtls
            {mtls}

            """;
    }

    /// <summary>curl from the client through the balancer (or <paramref name="to"/>); returns (exit code, body).</summary>
    internal async Task<(int ExitCode, string Body)> CurlAsync(string path, System.Net.IPAddress? to = null, int port = 6443, bool clientCertificate = false)
    {
        List<string> argv = ["curl", "-sS", "--max-time", "10", "--cacert", Certificates.Ca, "--resolve",
            $"{LabCertificates.ServerName}:{port}:{to ?? Balancer.Address}", $"https://{LabCertificates.ServerName}:{port}{path}"];
        if (clientCertificate)
        {
            argv.InsertRange(1, ["--cert", Certificates.ClientCertificate, "--key", Certificates.ClientKey]);
        }

        var result = await Client.RunAsync(argv, timeout: TimeSpan.FromSeconds(20));
        return (result.ExitCode, result.StandardOutput.Trim());
    }
}
