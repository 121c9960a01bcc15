using System.Globalization;
using System.Net;
using HaKube.NetLab;

namespace HaKube.Bench.DataPlane;

/// <summary>Debian's wrk, run inside the client host; every run is bounded by its duration plus a margin.</summary>
internal static class Wrk
{
    /// <summary>
    /// New TLS connections per second: "Connection: close" makes the server close after each response, so every
    /// request is a TCP connect plus a full TLS handshake (the backends keep no session cache and send no tickets).
    /// </summary>
    public static Task<WrkResult> NewConnectionsAsync(LabHost client, IPEndPoint target, TimeSpan duration, CancellationToken ct)
        => RunAsync(client, ["-t1", "-c16", "-H", "Connection: close"], target, "/readyz", duration, ct);

    /// <summary>Small requests over 8 kept-alive connections (a moderate, fixed concurrency), with the latency distribution.</summary>
    public static Task<WrkResult> KeptAliveAsync(LabHost client, IPEndPoint target, TimeSpan duration, CancellationToken ct)
        => RunAsync(client, ["-t1", "-c8", "--latency"], target, "/readyz", duration, ct);

    private static async Task<WrkResult> RunAsync(LabHost client, string[] options, IPEndPoint target, string path, TimeSpan duration, CancellationToken ct)
    {
        var seconds = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)duration.TotalSeconds)}s");
        var result = await client.RunAsync(
            ["wrk", .. options, "-d", seconds, "--timeout", "2s", $"https://{target}{path}"],
            timeout: duration + TimeSpan.FromSeconds(20), ct: ct);
        result.EnsureSuccess();
        return WrkResult.Parse(result.StandardOutput);
    }
}
