using System.Globalization;
using System.Text.RegularExpressions;

namespace HaKube.Bench.DataPlane;

/// <summary>What one wrk run printed: requests/s, its latency histogram (with <see cref="LatencyHistogram.WrkScript"/>) and errors.</summary>
internal sealed partial record WrkResult(double RequestsPerSecond, long Requests, long Errors)
{
    public LatencyHistogram? Histogram { get; init; }

    public static WrkResult Parse(string output)
    {
        var rps = Number(RequestsPerSecondLine().Match(output), "Requests/sec");
        var requests = (long)Number(RequestsLine().Match(output), "requests in");
        long errors = 0;
        var socket = SocketErrorsLine().Match(output);
        if (socket.Success)
        {
            errors += Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture));
        }

        var non2xx = Non2xxLine().Match(output);
        if (non2xx.Success)
        {
            errors += long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return new WrkResult(rps, requests, errors) { Histogram = LatencyHistogram.Parse(output) };
    }

    private static double Number(Match m, string what)
        => m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : throw new FormatException($"wrk printed no '{what}' line");

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"([0-9]+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: ([0-9]+)")]
    private static partial Regex Non2xxLine();
}
