using System.Net;
using System.Text;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Logging;
using HaKube.Tcplb.Tests.DataPlane;

namespace HaKube.Tcplb.Tests.Logging;

/// <summary>Lines framed as HAProxy 2.6 sends them (log.c), byte for byte.</summary>
public sealed class SyslogFormatterTests
{
    /// <summary>The tcplog body of HAProxy's configuration manual, 8.2.2.</summary>
    private const string Body = "10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0";

    /// <summary>When the manual's syslogd stamped that line ("Feb  6 12:12:56 localhost haproxy[14387]: ..."), plus microseconds and an offset.</summary>
    private static readonly DateTimeOffset Time = new DateTimeOffset(2009, 2, 6, 12, 12, 56, TimeSpan.FromHours(1)).AddTicks(1_234_560);

    private static LogTargetOptions DevLog(string format = "Rfc3164") => new()
    {
        Target = "/dev/log",
        Kind = LogTargetKind.UnixSocket,
        Path = "/dev/log",
        Format = Enum.Parse<SyslogFormat>(format),
    };

    private static string Line(LogTargetOptions target, SyslogLevel level = SyslogLevel.Info, DateTimeOffset? time = null)
        => SyslogFormatter.Format(target, level, time ?? Time, 14387, LogHeader.Default, Body);

    [Fact]
    public void Rfc3164_Local0Info_Pri134_DaySpacePadded_TagAndPid()
        => Assert.Equal($"<134>Feb  6 12:12:56 tcplb[14387]: {Body}\n", Line(DevLog()));

    [Fact]
    public void Rfc3164_TheTcplogLineOfAnEntry()
    {
        var entry = TcpLogFormatterTests.Entry(new IPEndPoint(IPAddress.Parse("10.0.1.2"), 33313));

        Assert.Equal($"<134>Feb  6 12:12:56 tcplb[14387]: {Body}\n", SyslogFormatter.Format(DevLog(), SyslogLevel.Info, Time, 14387, LogHeader.Default, TcpLogFormatter.Format(entry)));
    }

    [Theory]
    [InlineData("Local", "<134>Feb  6 12:12:56 tcplb[14387]: ")]
    [InlineData("Rfc5424", "<134>1 2009-02-06T12:12:56.123456+01:00 - tcplb 14387 - - ")]
    [InlineData("Priority", "<134>")]
    [InlineData("Short", "<6>")]
    [InlineData("Timed", "<6>2009-02-06T12:12:56.123456+01:00 ")]
    [InlineData("Iso", "2009-02-06T12:12:56.123456+01:00 ")]
    [InlineData("Raw", "")]
    public void EveryFormat_Header(string format, string header) => Assert.Equal($"{header}{Body}\n", Line(DevLog(format)));

    [Fact]
    public void TwoDigitDay_UtcOffset()
    {
        var christmas = new DateTimeOffset(2025, 12, 25, 7, 8, 9, TimeSpan.Zero);
        Assert.Equal("<134>Dec 25 07:08:09 tcplb[14387]: x\n", SyslogFormatter.Format(DevLog(), SyslogLevel.Info, christmas, 14387, LogHeader.Default, "x"));
        Assert.Equal("<134>1 2025-12-25T07:08:09.000000+00:00 lb1 tcplb 14387 - - x\n", SyslogFormatter.Format(DevLog("Rfc5424"), SyslogLevel.Info, christmas, 14387, new LogHeader("tcplb", "lb1"), "x"));
    }

    [Fact]
    public void FacilityAndLevel_Pri_DaemonWarningIs28_Local7DebugIs191()
    {
        Assert.StartsWith("<28>", Line(DevLog() with { Facility = SyslogFacility.Daemon }, SyslogLevel.Warning), StringComparison.Ordinal);
        Assert.StartsWith("<191>", Line(DevLog() with { Facility = SyslogFacility.Local7 }, SyslogLevel.Debug), StringComparison.Ordinal);
    }

    [Fact]
    public void MinLevel_MoreSevereIsSentAtIt_LessSevereUnchanged()
    {
        // "log /dev/log local0 info err": an alert goes out as err (HAProxy's MAX(level, minlvl)).
        var target = DevLog() with { MaxLevel = SyslogLevel.Info, MinLevel = SyslogLevel.Err };
        Assert.StartsWith("<131>", Line(target, SyslogLevel.Alert), StringComparison.Ordinal);
        Assert.StartsWith("<132>", Line(target, SyslogLevel.Warning), StringComparison.Ordinal);
    }

    [Fact]
    public void NoHost_Rfc5424SaysNil()
        => Assert.Equal("<134>1 2009-02-06T12:12:56.123456+01:00 - tcplb 1 - - x\n", SyslogFormatter.Format(DevLog("Rfc5424"), SyslogLevel.Info, Time, 1, LogHeader.Default, "x"));

    /// <summary>What Debian's HAProxy 2.6 sent to a UDP listener for each case (log-send-hostname lb-a or none; log-tag).</summary>
    [Theory]
    [InlineData(false, null, "<134>Feb  6 12:12:56 tcplb[7]: x\n")]
    [InlineData(false, "lb-a", "<134>Feb  6 12:12:56 lb-a tcplb[7]: x\n")]
    [InlineData(true, null, "<134>Feb  6 12:12:56 localhost tcplb[7]: x\n")]
    [InlineData(true, "lb-a", "<134>Feb  6 12:12:56 lb-a tcplb[7]: x\n")]
    public void Rfc3164_HostField_WrittenFormatOrLogSendHostname(bool formatWritten, string? hostname, string expected)
        => Assert.Equal(expected, SyslogFormatter.Format(DevLog() with { FormatWritten = formatWritten }, SyslogLevel.Info, Time, 7, new LogHeader("tcplb", hostname), "x"));

    [Fact]
    public void Local_NeverAHostField_Tag_FromTheHeader()
        => Assert.Equal("<134>Feb  6 12:12:56 haproxy[7]: x\n",
            SyslogFormatter.Format(DevLog("Local") with { FormatWritten = true }, SyslogLevel.Info, Time, 7, new LogHeader("haproxy", "lb-a"), "x"));

    [Fact]
    public void LineBreakInTheText_CannotForgeALine()
        => Assert.Equal("a b\n", SyslogFormatter.Format(DevLog("Raw"), SyslogLevel.Info, Time, 1, LogHeader.Default, "a\nb"));

    [Fact]
    public void Encode_CutsToLen_KeepsTheLineFeed_NeverSplitsACharacter()
    {
        var line = $"<134>Feb  6 12:12:56 tcplb[14387]: {new string('x', 200)}\n";
        var cut = SyslogFormatter.Encode(line, 80);
        Assert.Equal(80, cut.Length);
        Assert.Equal(line[..79] + "\n", Encoding.UTF8.GetString(cut));

        var utf8 = SyslogFormatter.Encode(new string('x', 78) + "é\n", 80); // "é" is two bytes, at 79..80
        Assert.Equal(new string('x', 78) + "\n", Encoding.UTF8.GetString(utf8));
        Assert.Equal(Encoding.UTF8.GetBytes("short\n"), SyslogFormatter.Encode("short\n", 1024));
    }
}
