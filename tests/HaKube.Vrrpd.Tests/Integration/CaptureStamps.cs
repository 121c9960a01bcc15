using System.Globalization;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>The capture times tcpdump -tt prints first on each line (seconds since the epoch): the packet's own time, not when the test read it.</summary>
internal static class CaptureStamps
{
    /// <summary>The stamp of one tcpdump -tt line, in seconds.</summary>
    public static double Seconds(string line) => double.Parse(line.AsSpan(0, line.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    /// <summary>The stamp of one tcpdump -tt line, as a time.</summary>
    public static DateTimeOffset At(string line) => DateTimeOffset.UnixEpoch.AddTicks((long)(Seconds(line) * TimeSpan.TicksPerSecond));

    /// <summary>The stamps, in seconds, of the lines <paramref name="dump"/> printed so far that contain <paramref name="marker"/>.</summary>
    public static List<double> Of(LabProcess dump, string marker) =>
        [.. dump.Output.Where(l => l.Text.Contains(marker, StringComparison.Ordinal)).Select(l => Seconds(l.Text))];
}
