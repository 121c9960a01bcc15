using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class RiseFallTests
{
    [Fact]
    public void StartsUp_ByDefault_AsKeepalived()
        => Assert.True(RiseFall.Start(rise: 2, fall: 2).IsUp);

    [Fact]
    public void Up_FallsAfterFallConsecutiveFailures_NotBefore()
    {
        var s = RiseFall.Start(rise: 2, fall: 3);
        s = s.Record(false, out var c1);
        s = s.Record(false, out var c2);
        Assert.True(s.IsUp);
        Assert.False(c1 || c2);
        s = s.Record(false, out var c3);
        Assert.False(s.IsUp);
        Assert.True(c3);
    }

    [Fact]
    public void Up_ASuccessBetweenFailures_ResetsTheStreak()
    {
        var s = RiseFall.Start(rise: 1, fall: 2);
        s = s.Record(false, out _).Record(true, out _).Record(false, out var changed);
        Assert.True(s.IsUp);
        Assert.False(changed);
    }

    [Fact]
    public void Down_RisesAfterRiseConsecutiveSuccesses()
    {
        var s = RiseFall.Start(rise: 2, fall: 1, initiallyUp: false);
        s = s.Record(true, out var c1);
        Assert.False(s.IsUp);
        Assert.False(c1);
        s = s.Record(true, out var c2);
        Assert.True(s.IsUp);
        Assert.True(c2);
    }

    [Fact]
    public void RiseOrFallBelowOne_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RiseFall.Start(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RiseFall.Start(1, 0));
    }
}
