using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests.Lab;

public sealed class VrrpTimersTests
{
    [Theory]
    [InlineData("0.1", 3)]
    [InlineData("0.5", 3)]
    [InlineData("1.5", 3)]
    [InlineData("1", 2)]
    [InlineData("3", 2)]
    public void VersionFor_VrrpV3BelowOneSecondOrForFractions_ElseTheStacksDefault(string advertInt, int expected)
        => Assert.Equal(expected, VrrpTimers.Create(decimal.Parse(advertInt, System.Globalization.CultureInfo.InvariantCulture)).VersionFor(2));

    [Theory]
    [InlineData("0.001")]
    [InlineData("0")]
    [InlineData("41")]
    [InlineData("0.125")]
    public void Create_OutOfRangeOrFinerThanCentiseconds_SaysWhatIsWrong(string advertInt)
    {
        var e = Assert.Throws<LabCommandException>(() => VrrpTimers.Create(decimal.Parse(advertInt, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("--advert-int", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_VrrpV2WithAFraction_IsRefused()
        => Assert.Throws<LabCommandException>(() => VrrpTimers.Create(0.5m, 2));

    [Fact]
    public void MasterDownInterval_Rfc5798_ThreeAdvertsPlusSkew()
    {
        // 3 × 1 s + (256 − 100) × 1 s / 256 = 3.609375 s; at 0.1 s a tenth of it.
        Assert.Equal(3609.375, VrrpTimers.Default.MasterDownInterval(100).TotalMilliseconds, 3);
        Assert.Equal(360.9375, VrrpTimers.Create(0.1m).MasterDownInterval(100).TotalMilliseconds, 3);
    }

    [Fact]
    public void LabFaults_ParseEveryName_AndNothingElse()
    {
        Assert.All(LabFaults.Names, n => Assert.Equal(n.Fault, LabFaults.Parse(n.Name)));
        Assert.Equal(Enum.GetValues<LabFault>().Order(), LabFaults.Names.Select(n => n.Fault).Order());
        Assert.Null(LabFaults.Parse("Balancer"));
    }
}
