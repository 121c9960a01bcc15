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

    /// <summary>Small requests over 8 kept-alive connections (a moderate, fixed concurrency): the request rate.</summary>
    public static Task<WrkResult> KeptAliveAsync(LabHost client, IPEndPoint target, TimeSpan duration, CancellationToken ct)
        => RunAsync(client, ["-t1", "-c8"], target, "/readyz", duration, ct);

    /// <summary>
    /// Latency of small requests, one at a time over one kept-alive connection: each request meets idle processes, so
    /// the distribution is the path's own cost (the hop a balancer adds) rather than queueing behind other requests
    /// on a saturated 2-core machine, as it is with several connections in a closed loop. <paramref name="histogramScript"/>
    /// (<see cref="LatencyHistogram.WrkScript"/> in a file) makes wrk print every latency it recorded.
    /// </summary>
    public static Task<WrkResult> OneAtATimeAsync(LabHost client, IPEndPoint target, TimeSpan duration, string histogramScript, CancellationToken ct)
        => RunAsync(client, ["-t1", "-c1", "-s", histogramScript], target, "/readyz", duration, ct);

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
