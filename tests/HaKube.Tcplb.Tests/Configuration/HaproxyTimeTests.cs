using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>HAProxy's time syntax (configuration manual 2.5), checked against haproxy -c 2.6.</summary>
public sealed class HaproxyTimeTests
{
    [Theory]
    [InlineData("5000", 5000)]
    [InlineData("0", 0)]
    [InlineData("1500us", 2)] // microseconds round up to the next millisecond, as parse_time_err does
    [InlineData("1us", 1)]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("24d", 2_073_600_000)]
    [InlineData("2147483647", 2_147_483_647)]
    public void TryParse_UnitsAndBareMilliseconds(string text, long milliseconds)
    {
        Assert.True(HaproxyTime.TryParse(text, out var value, out _, out var trailing));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
        Assert.Equal("", trailing);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("25d")]
    [InlineData("99999999999999999999")]
    public void TryParse_MoreThanIntMaxMilliseconds_IsOverflow(string text)
    {
        Assert.False(HaproxyTime.TryParse(text, out _, out var error, out _));
        Assert.Contains("2147483647 ms", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10S")]
    [InlineData("5x")]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("1.5s")]
    public void TryParse_BadUnitOrNoNumber_Fails(string text) => Assert.False(HaproxyTime.TryParse(text, out _, out _, out _));

    [Fact]
    public void TryParse_SecondUnit_IsReturnedAsTrailing_AsHaproxy26ReadsOneUnit()
    {
        Assert.True(HaproxyTime.TryParse("1m30s", out var value, out _, out var trailing));
        Assert.Equal(TimeSpan.FromMinutes(1), value);
        Assert.Equal("30s", trailing);
    }

    [Theory]
    [InlineData(50_000, "50s")]
    [InlineData(1500, "1500ms")]
    [InlineData(3_600_000, "1h")]
    [InlineData(90_000, "90s")]
    public void Format_ShortestExactSpelling(long ms, string text) => Assert.Equal(text, HaproxyTime.Format(TimeSpan.FromMilliseconds(ms)));
}
