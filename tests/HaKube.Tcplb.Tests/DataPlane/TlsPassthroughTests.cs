using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class TlsPassthroughTests
{
    private static async Task RunCheckedAsync(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{file} failed: {error}");
    }

    [Fact]
    public async Task TlsToNginx_CompletesThroughTheEngine_WithTheServersOwnCertificate()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        var dir = Directory.CreateTempSubdirectory("hakube-tls-");
        Process? nginx = null;
        try
        {
            await RunCheckedAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=apiserver.test",
                "-addext", "subjectAltName=DNS:apiserver.test", "-keyout", Path.Combine(dir.FullName, "key.pem"), "-out", Path.Combine(dir.FullName, "cert.pem"));
            var port = TestServer.ClosedPort().Port;
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "nginx.conf"), $$"""
                worker_processes 1;
                error_log {{dir.FullName}}/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path {{dir.FullName}}/body; proxy_temp_path {{dir.FullName}}/proxy;
                    fastcgi_temp_path {{dir.FullName}}/fcgi; uwsgi_temp_path {{dir.FullName}}/uwsgi; scgi_temp_path {{dir.FullName}}/scgi;
                    server {
                        listen 127.0.0.1:{{port}} ssl;
                        ssl_certificate {{dir.FullName}}/cert.pem;
                        ssl_certificate_key {{dir.FullName}}/key.pem;
                        location /readyz { return 200 "ok"; }
                    }
                }
                """, cts.Token);
            nginx = Process.Start(new ProcessStartInfo("nginx", ["-c", Path.Combine(dir.FullName, "nginx.conf"), "-p", dir.FullName, "-g", $"daemon off; pid {dir.FullName}/nginx.pid;"]))!;
            var backend = new IPEndPoint(IPAddress.Loopback, port);
            await Wait.UntilAsync(async ct =>
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await probe.ConnectAsync(backend, ct);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            }, EngineFixture.Bound, "nginx to listen");

            await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, backend)]);
            using var expected = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(dir.FullName, "cert.pem"), cts.Token));
            using var client = await lb.ConnectAsync();
            await using var tls = new SslStream(new NetworkStream(client), leaveInnerStreamOpen: false,
                (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "apiserver.test" }, cts.Token);
            await tls.WriteAsync(Encoding.ASCII.GetBytes("GET /readyz HTTP/1.1\r\nHost: apiserver.test\r\nConnection: close\r\n\r\n"), cts.Token);
            using var reader = new StreamReader(tls);
            var response = await reader.ReadToEndAsync(cts.Token);

            Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
            Assert.EndsWith("ok", response, StringComparison.Ordinal);
        }
        finally
        {
            if (nginx is not null)
            {
                nginx.Kill(entireProcessTree: true);
                await nginx.WaitForExitAsync(CancellationToken.None);
                nginx.Dispose();
            }

            dir.Delete(recursive: true);
        }
    }
}
