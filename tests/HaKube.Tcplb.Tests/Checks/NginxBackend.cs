using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HaKube.NetLab;
using HaKube.Tcplb.Tests.DataPlane;

namespace HaKube.Tcplb.Tests.Checks;

/// <summary>
/// Debian's nginx with a private prefix, as a TLS apiserver stand-in on loopback: <see cref="TlsPort"/> answers
/// GET /readyz with 200, or 500 while <see cref="SetReady"/>(false); <see cref="MutualTlsPort"/> requires a client
/// certificate from the test CA. Certificates: a test CA, the server's (IP 127.0.0.1) and a client's, signed by it, and an
/// unrelated CA. Killed by PID on dispose.
/// </summary>
public sealed class NginxBackend : IAsyncLifetime
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hakube-checks-");
    private Process? _nginx;

    public int TlsPort { get; } = TestServer.ClosedPort().Port;

    public int MutualTlsPort { get; } = TestServer.ClosedPort().Port;

    public string CaFile => File("ca.pem");

    public string OtherCaFile => File("other-ca.pem");

    public string ClientCertificateFile => File("client.pem");

    public string ClientKeyFile => File("client.key");

    public string File(string name) => Path.Combine(_dir.FullName, name);

    public void SetReady(bool ready)
    {
        if (ready)
        {
            System.IO.File.Delete(File("fail"));
        }
        else
        {
            System.IO.File.WriteAllText(File("fail"), "");
        }
    }

    public async Task InitializeAsync()
    {
        // nginx's workers run as nobody: they must reach the "fail" file /readyz tests.
        if (!OperatingSystem.IsWindows())
        {
            _dir.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }
        const string EcKey = "ec -pkeyopt ec_paramgen_curve:prime256v1";
        await OpenSslAsync($"req -x509 -newkey {EcKey} -nodes -days 1 -subj /CN=hakube-test-ca -keyout ca.key -out ca.pem");
        await OpenSslAsync($"req -x509 -newkey {EcKey} -nodes -days 1 -subj /CN=other-ca -keyout other-ca.key -out other-ca.pem");
        await System.IO.File.WriteAllTextAsync(File("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:apiserver.test\nextendedKeyUsage=serverAuth\n");
        await System.IO.File.WriteAllTextAsync(File("client.ext"), "extendedKeyUsage=clientAuth\n");
        foreach (var (name, cn) in new[] { ("server", "apiserver.test"), ("client", "system:tcplb-check") })
        {
            await OpenSslAsync($"req -newkey {EcKey} -nodes -subj /CN={cn} -keyout {name}.key -out {name}.csr");
            await OpenSslAsync($"x509 -req -in {name}.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -extfile {name}.ext -out {name}.pem");
        }

        var d = _dir.FullName;
        await System.IO.File.WriteAllTextAsync(File("nginx.conf"), $$"""
            worker_processes 1;
            error_log {{d}}/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{d}}/body; proxy_temp_path {{d}}/proxy;
                fastcgi_temp_path {{d}}/fcgi; uwsgi_temp_path {{d}}/uwsgi; scgi_temp_path {{d}}/scgi;
                ssl_certificate {{d}}/server.pem;
                ssl_certificate_key {{d}}/server.key;
                server {
                    listen 127.0.0.1:{{TlsPort}} ssl;
                    location = /readyz {
                        if (-f {{d}}/fail) { return 500; }
                        return 200 'ok';
                    }
                }
                server {
                    listen 127.0.0.1:{{MutualTlsPort}} ssl;
                    ssl_client_certificate {{d}}/ca.pem;
                    ssl_verify_client on;
                    location = /readyz { return 200 'ok'; }
                }
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo("nginx", ["-c", File("nginx.conf"), "-p", d, "-g", $"daemon off; pid {d}/nginx.pid;"])
        {
            RedirectStandardError = true,
        })!;
        foreach (var port in new[] { TlsPort, MutualTlsPort })
        {
            await Wait.UntilAsync(async ct =>
            {
                Assert.False(_nginx.HasExited, $"nginx exited: {await _nginx.StandardError.ReadToEndAsync(ct)}");
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            }, Bound, $"nginx to listen on {port}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync(CancellationToken.None);
            _nginx.Dispose();
        }

        _dir.Delete(recursive: true);
    }

    private async Task OpenSslAsync(string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo("openssl", arguments.Split(' ')) { WorkingDirectory = _dir.FullName, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"openssl {arguments} failed: {error}");
    }
}
