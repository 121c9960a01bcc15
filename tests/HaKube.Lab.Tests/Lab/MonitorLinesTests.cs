using System.Net;
using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests.Lab;

public sealed class MonitorLinesTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("198.18.0.10");

    [Theory]
    [InlineData("3: eth0    inet 198.18.0.10/24 scope global secondary eth0\\       valid_lft forever preferred_lft forever", true)]
    [InlineData("Deleted 3: eth0    inet 198.18.0.10/24 scope global secondary eth0\\       valid_lft forever preferred_lft forever", false)]
    [InlineData("3: eth0    inet 198.18.0.2/24 scope global eth0\\       valid_lft forever preferred_lft forever", null)]
    [InlineData("3: eth0    inet 198.18.0.100/24 scope global secondary eth0", null)]
    [InlineData("Deleted 3: eth0    inet6 fe80::1/64 scope link", null)]
    public void ParseAddress_ReadsIpMonitorAddressLines(string line, bool? expected)
        => Assert.Equal(expected, MonitorLines.ParseAddress(line, Vip));

    [Fact]
    public void SplitTimestamp_ReadsIpTsPrefix_AsLocalTime()
    {
        var fallback = DateTimeOffset.UnixEpoch;
        var (at, text) = MonitorLines.SplitTimestamp("[2026-11-24T02:22:16.627213] Deleted 1: lo    inet 198.18.9.9/32 scope global lo", fallback);

        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 24, 2, 22, 16, DateTimeKind.Local).ToUniversalTime(), TimeSpan.Zero).AddTicks(6272130), at);
        Assert.Equal("Deleted 1: lo    inet 198.18.9.9/32 scope global lo", text);
        Assert.Equal((fallback, "no prefix"), MonitorLines.SplitTimestamp("no prefix", fallback));
    }

    [Fact]
    public void ParseNeighbour_ReadsIpMonitorNeighLines()
    {
        Assert.Equal(("02:48:4b:00:00:02", "REACHABLE"), MonitorLines.ParseNeighbour("198.18.0.10 dev eth0 lladdr 02:48:4b:00:00:02 REACHABLE", Vip));
        Assert.Equal(("02:48:4b:00:00:01", "STALE"), MonitorLines.ParseNeighbour("198.18.0.10 dev eth0 lladdr 02:48:4b:00:00:01 STALE", Vip));
        Assert.Equal((null, "FAILED"), MonitorLines.ParseNeighbour("198.18.0.10 dev eth0  FAILED", Vip));
        Assert.Equal(("02:48:4b:00:00:01", "DELETED"), MonitorLines.ParseNeighbour("Deleted 198.18.0.10 dev eth0 lladdr 02:48:4b:00:00:01 STALE", Vip));
        Assert.Null(MonitorLines.ParseNeighbour("198.18.0.4 dev eth0 lladdr 02:48:4b:00:00:03 REACHABLE", Vip));
    }
}
