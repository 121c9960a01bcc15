namespace HaKube.Lab.Tests;

/// <summary>The options `hakube lab` refuses before it touches anything.</summary>
public sealed class LabCommandLineTests
{
    [Fact]
    public async Task Up_AdvertIntFinerThanVrrpCarries_IsRefused_WithNoLab()
    {
        var dir = LabScenario.NewLabDirectory();
        var up = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "up", "--advert-int", "0.001", "--lab-dir", dir);

        Assert.Equal(1, up.Exit);
        Assert.Contains("--advert-int 0.001", up.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task Failover_UnknownFault_IsRefused_NamingTheFaults()
    {
        var failover = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "failover", "--fault", "power", "--lab-dir", LabScenario.NewLabDirectory());

        Assert.NotEqual(0, failover.Exit);
        Assert.Contains("vrrp-kill", failover.Stderr + failover.Stdout, StringComparison.Ordinal);
    }
}
