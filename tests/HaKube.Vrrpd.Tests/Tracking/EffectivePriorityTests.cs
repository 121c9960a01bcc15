using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class EffectivePriorityTests
{
    private static TrackerStatus Script(bool up, int weight) => new("chk_haproxy", TrackerKind.Script, up, weight);

    [Fact]
    public void GuideSetup_PositiveWeight_AddsWhileUp()
    {
        // The guide: priority 100, chk_haproxy weight 2: 102 while haproxy runs, 100 when it does not.
        Assert.Equal(102, EffectivePriority.Compute(100, [Script(up: true, weight: 2)], out _));
        Assert.Equal(100, EffectivePriority.Compute(100, [Script(up: false, weight: 2)], out _));
    }

    [Fact]
    public void NegativeWeight_SubtractsWhileDown()
    {
        Assert.Equal(100, EffectivePriority.Compute(100, [Script(up: true, weight: -20)], out _));
        Assert.Equal(80, EffectivePriority.Compute(100, [Script(up: false, weight: -20)], out _));
    }

    [Fact]
    public void ZeroWeight_Down_IsAFault_NamingTheTracker()
    {
        Assert.Null(EffectivePriority.Compute(100, [Script(up: false, weight: 0), Script(up: true, weight: 2)], out var faultedBy));
        Assert.Equal(["chk_haproxy"], faultedBy);
    }

    [Fact]
    public void Sum_IsClampedTo1Through254()
    {
        Assert.Equal(254, EffectivePriority.Compute(250, [Script(true, 100)], out _));
        Assert.Equal(1, EffectivePriority.Compute(10, [Script(false, -100)], out _));
    }

    [Fact]
    public void AddressOwner_IsNeverAdjusted()
        => Assert.Equal(255, EffectivePriority.Compute(255, [Script(false, -50)], out _));

    [Fact]
    public void Adjustment_OverridesWeightRule()
    {
        var balancer = new TrackerStatus("tcplb", TrackerKind.Balancer, IsUp: true, Weight: -30, Adjustment: -30, "no healthy backend");
        Assert.Equal(70, EffectivePriority.Compute(100, [balancer], out _));
    }

    [Fact]
    public void ZeroWeightReverse_FaultsWhileUp_NotWhileDown()
    {
        var reverse = new TrackerStatus("maint", TrackerKind.Script, IsUp: true, Weight: 0, WeightReverse: true);
        Assert.Null(EffectivePriority.Compute(100, [reverse], out var faultedBy));
        Assert.Equal(["maint"], faultedBy);
        Assert.Equal(100, EffectivePriority.Compute(100, [reverse with { IsUp = false }], out _));
    }

    [Fact]
    public void WeightReverse_NegatesTheContribution_AsKeepalivedsMultiplier()
    {
        // weight 10 reverse: -10 while up; weight -10 reverse: +10 while down.
        Assert.Equal(90, EffectivePriority.Compute(100, [new("s", TrackerKind.Script, true, 10, WeightReverse: true)], out _));
        Assert.Equal(100, EffectivePriority.Compute(100, [new("s", TrackerKind.Script, false, 10, WeightReverse: true)], out _));
        Assert.Equal(110, EffectivePriority.Compute(100, [new("s", TrackerKind.Script, false, -10, WeightReverse: true)], out _));
        Assert.Equal(100, EffectivePriority.Compute(100, [new("s", TrackerKind.Script, true, -10, WeightReverse: true)], out _));
    }
}
