using System.Globalization;
using System.Net;
using HaKube.Bench.Fixtures;
using HaKube.NetLab;

namespace HaKube.Bench.DataPlane;

/// <summary>One download of the 64 MiB body with curl inside the client host, verified against the pinned certificate.</summary>
internal static class Bulk
{
    /// <summary>MB/s (10^6 bytes) of the body, timed from the end of the TLS handshake to the last byte.</summary>
    public static async Task<double> DownloadAsync(LabHost client, IPEndPoint target, BenchCertificate cert, CancellationToken ct)
    {
        var name = BenchCertificate.ServerName;
        var result = await client.RunAsync(
            ["curl", "-sS", "--fail", "--max-time", "60", "--cacert", cert.CertFile,
             "--resolve", $"{name}:{target.Port}:{target.Address}", "-o", "/dev/null",
             "-w", "%{size_download} %{time_appconnect} %{time_total}", $"https://{name}:{target.Port}/bulk"],
            timeout: TimeSpan.FromSeconds(70), ct: ct);
        result.EnsureSuccess();
        var f = result.StandardOutput.Trim().Split(' ');
        var bytes = double.Parse(f[0], CultureInfo.InvariantCulture);
        if ((long)bytes != NginxBackend.BulkBytes)
        {
            throw new InvalidOperationException($"downloaded {bytes} bytes of /bulk, expected {NginxBackend.BulkBytes}");
        }

        var seconds = double.Parse(f[2], CultureInfo.InvariantCulture) - double.Parse(f[1], CultureInfo.InvariantCulture);
        return bytes / seconds / 1e6;
    }
}
