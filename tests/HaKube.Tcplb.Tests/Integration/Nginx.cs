using System.Net;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>
/// Debian's nginx as a TLS backend in a lab host: :6443 answers /readyz, /whoami (its name) and /client (its name and
/// the client certificate's subject, when one was sent); :6444 requires a client certificate.
/// </summary>
internal sealed class Nginx
{
    private readonly LabHost _host;
    private readonly string _config;
    private LabProcess? _process;

    public Nginx(LabHost host, LabCertificates certificates)
    {
        _host = host;
        var prefix = Path.Combine(host.DataDirectory, "nginx");
        Directory.CreateDirectory(prefix);
        _config = Path.Combine(prefix, "nginx.conf");
        var tls = $"""
                ssl_certificate {certificates.ServerCertificate};
                ssl_certificate_key {certificates.ServerKey};
                ssl_client_certificate {certificates.Ca};
        """;
        File.WriteAllText(_config, $$"""
            user root;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body; proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fcgi; uwsgi_temp_path {{prefix}}/uwsgi; scgi_temp_path {{prefix}}/scgi;
                server {
                    listen {{host.Address}}:6443 ssl;
            {{tls}}
                    ssl_verify_client optional;
                    location = /readyz { if (-f {{prefix}}/not-ready) { return 500; } return 200 'ok'; }
                    location = /whoami { return 200 '{{host.Name}}\n'; }
                    location = /client { return 200 '{{host.Name}} $ssl_client_s_dn'; }
                }
                server {
                    listen {{host.Address}}:6444 ssl;
            {{tls}}
                    ssl_verify_client on;
                    location / { return 200 '{{host.Name}} $ssl_client_s_dn'; }
                }
            }
            """);
    }

    public string Name => _host.Name;

    /// <summary>/readyz answers 500 while <paramref name="ready"/> is false (nginx tests a marker file on each request; no reload).</summary>
    public void SetReadyz(bool ready)
    {
        var marker = Path.Combine(Path.GetDirectoryName(_config)!, "not-ready");
        if (ready)
        {
            File.Delete(marker);
        }
        else
        {
            File.WriteAllText(marker, "");
        }
    }

    public IPAddress Address => _host.Address;

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts nginx in the foreground and waits until it accepts on :6443.</summary>
    public async Task StartAsync()
    {
        _process = _host.Start(["nginx", "-c", _config, "-p", Path.GetDirectoryName(_config)!, "-g", "daemon off;"]);
        await Wait.UntilAsync(
            async ct => (await _host.RunAsync(["curl", "-sk", "--max-time", "2", $"https://{_host.Address}:6443/readyz"], ct: ct)).Succeeded,
            TimeSpan.FromSeconds(20),
            $"nginx on {_host.Name} to listen");
    }

    /// <summary>nginx -s quit: listeners close at once, requests in flight finish (how a backend is stopped in operation).</summary>
    public async Task QuitAsync()
    {
        if (_process is not { } p)
        {
            return;
        }

        p.Signal(3);
        await p.WaitForExitAsync(TimeSpan.FromSeconds(20));
        _process = null;
    }
}
