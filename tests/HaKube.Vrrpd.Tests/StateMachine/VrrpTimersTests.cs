using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Tests.StateMachine;

public sealed class VrrpTimersTests
{
    [Fact]
    public void SkewTime_V3_Priority100At100cs_Is60_9375cs_Rfc5798_6_1()
    {
        Assert.Equal(TimeSpan.FromMicroseconds(609_375), VrrpTimers.SkewTime(VrrpVersion.V3, 100, 100));
    }

    [Fact]
    public void MasterDownInterval_V3_Priority100At100cs_Is3_609375s_Rfc5798_6_1()
    {
        Assert.Equal(TimeSpan.FromTicks(36_093_750), VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, 100));
        Assert.Equal(3.609375, VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, 100).TotalSeconds);
    }

    [Fact]
    public void SkewTime_V3_ScalesWithTheMastersInterval_Rfc5798_6_1()
    {
        // ((256 - 200) * 200) / 256 = 43.75 cs; ((256 - 254) * 20) / 256 = 0.15625 cs.
        Assert.Equal(TimeSpan.FromMicroseconds(437_500), VrrpTimers.SkewTime(VrrpVersion.V3, 200, 200));
        Assert.Equal(TimeSpan.FromMicroseconds(1_562.5), VrrpTimers.SkewTime(VrrpVersion.V3, 254, 20));
        Assert.Equal(TimeSpan.FromTicks(6_015_625), VrrpTimers.MasterDownInterval(VrrpVersion.V3, 254, 20));
    }

    [Fact]
    public void SkewTime_V2_IsIndependentOfTheInterval_Rfc3768_6_1()
    {
        // (256 - 200) / 256 s = 0.21875 s whatever the interval; v3 would give 0.4375 s at 2 s.
        Assert.Equal(TimeSpan.FromMicroseconds(218_750), VrrpTimers.SkewTime(VrrpVersion.V2, 200, 200));
        Assert.Equal(TimeSpan.FromMicroseconds(218_750), VrrpTimers.SkewTime(VrrpVersion.V2, 200, 500));
        Assert.Equal(TimeSpan.FromSeconds(6.21875), VrrpTimers.MasterDownInterval(VrrpVersion.V2, 200, 200));
    }

    [Fact]
    public void MasterDownInterval_V2_Priority100At1s_Is3_609375s_Rfc3768_6_1()
    {
        Assert.Equal(TimeSpan.FromTicks(36_093_750), VrrpTimers.MasterDownInterval(VrrpVersion.V2, 100, 100));
    }

    [Fact]
    public void SkewTime_OfTheOwner_IsShortest_Rfc5798_6_1()
    {
        Assert.True(VrrpTimers.SkewTime(VrrpVersion.V3, 254, 100) < VrrpTimers.SkewTime(VrrpVersion.V3, 100, 100));
        Assert.Equal(TimeSpan.FromTicks(78_125), VrrpTimers.SkewTime(VrrpVersion.V3, 254, 100));
    }
}
