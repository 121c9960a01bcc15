using System.Net;
using HaKube.NetLab;

namespace HaKube.Bench.Fixtures;

/// <summary>
/// nginx (Debian) as a kube-apiserver-like TLS backend on :6443: /readyz answers "ok", /bulk is a 64 MiB file, /whoami names the host.
/// TLS session caching and tickets are off, so every new connection is a full handshake, as a fresh kubectl's is.
/// </summary>
internal static class NginxBackend
{
    public const int Port = 6443;

    public const int BulkBytes = 64 << 20;

    /// <summary>Writes the shared document root (with the 64 MiB body of random bytes) under <paramref name="directory"/>.</summary>
    public static async Task<string> CreateDocumentRootAsync(string directory, CancellationToken ct)
    {
        var root = Path.Combine(directory, "www");
        Directory.CreateDirectory(root);
        var body = new byte[BulkBytes];
        Random.Shared.NextBytes(body);
        await File.WriteAllBytesAsync(Path.Combine(root, "bulk"), body, ct);
        return root;
    }

    /// <summary>Starts nginx on <paramref name="host"/> and waits until <paramref name="from"/> can connect to it.</summary>
    public static async Task<LabProcess> StartAsync(LabHost host, LabHost from, BenchCertificate cert, string documentRoot, string directory, CancellationToken ct)
    {
        var prefix = Path.Combine(directory, "nginx-" + host.Name);
        Directory.CreateDirectory(prefix);
        var conf = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(conf, $$"""
            worker_processes 2;
            worker_rlimit_nofile 8192;
            error_log {{prefix}}/error.log warn;
            pid {{prefix}}/nginx.pid;
            events { worker_connections 4096; }
            http {
                access_log off;
                keepalive_requests 10000000;
                keepalive_timeout 120s;
                client_body_temp_path {{prefix}}/body; proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fcgi; uwsgi_temp_path {{prefix}}/uwsgi; scgi_temp_path {{prefix}}/scgi;
                server {
                    listen {{Port}} ssl;
                    ssl_certificate {{cert.CertFile}};
                    ssl_certificate_key {{cert.KeyFile}};
                    ssl_session_cache off;
                    ssl_session_tickets off;
                    root {{documentRoot}};
                    location = /readyz { default_type text/plain; return 200 "ok"; }
                    location = /bulk { default_type application/octet-stream; }
                    location = /whoami { default_type text/plain; return 200 "{{host.Name}}"; }
                }
            }
            """, ct);
        var process = host.Start(["nginx", "-c", conf, "-p", prefix, "-g", "daemon off;"]);
        await Net.WaitListeningAsync(from, new IPEndPoint(host.Address, Port), process, TimeSpan.FromSeconds(15), ct);
        return process;
    }
}
