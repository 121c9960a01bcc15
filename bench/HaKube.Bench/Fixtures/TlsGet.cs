using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace HaKube.Bench.Fixtures;

/// <summary>A TLS handshake and one HTTP/1.1 GET over a connected socket, as a kube client's first request.</summary>
internal static class TlsGet
{
    private static readonly byte[] Ok = "HTTP/1.1 200"u8.ToArray();

    /// <summary>Completes a handshake (pinned to <paramref name="cert"/>) and a GET of <paramref name="path"/>; the body on status 200, else null.</summary>
    public static async Task<string?> GetAsync(Socket connected, BenchCertificate cert, string path, CancellationToken ct)
    {
        await using var tls = await HandshakeAsync(connected, cert, ct);
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {BenchCertificate.ServerName}\r\nConnection: close\r\n\r\n"), ct);
        using var response = new MemoryStream();
        await tls.CopyToAsync(response, ct);
        var bytes = response.GetBuffer().AsSpan(0, (int)response.Length);
        if (!bytes.StartsWith(Ok))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(bytes);
        var body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return body < 0 ? null : text[(body + 4)..];
    }

    /// <summary>A handshake only (pinned), for connections that are then held idle.</summary>
    public static async Task<SslStream> HandshakeAsync(Socket connected, BenchCertificate cert, CancellationToken ct)
    {
        var tls = new SslStream(new NetworkStream(connected, ownsSocket: false), leaveInnerStreamOpen: false,
            (_, presented, _, _) => cert.Matches(presented));
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = BenchCertificate.ServerName }, ct);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }
    }
}
