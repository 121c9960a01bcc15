using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests;

/// <summary>
/// One HaKube lab (`hakube lab up`) shared by the tests of a class: building it costs tens of seconds, and each test
/// leaves it as it found it (`lab restore`). Removed with `lab down` at the end, checked to leave nothing behind.
/// </summary>
public sealed class HaKubeLabFixture : IAsyncLifetime
{
    public string Directory { get; } = LabScenario.NewLabDirectory();

    /// <summary>The state `lab up` reported; null when it failed (<see cref="UpError"/> says why).</summary>
    internal LabState? State { get; private set; }

    public string? UpError { get; private set; }

    public async Task InitializeAsync()
    {
        var up = await HakubeCommand.RunAsync(LabScenario.UpBound, ["lab", "up", .. LabScenario.ModeArgs(LabMode.HaKube, Directory), "--json"]);
        if (up.Exit != 0)
        {
            UpError = $"hakube lab up failed with exit {up.Exit}:\n{up.Stderr}\n{up.Stdout}";
            return;
        }

        State = HakubeCommand.Json(up.Stdout, HakubeCommand.Context.LabStatus).State;
    }

    public async Task DisposeAsync()
    {
        var down = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "down", "--lab-dir", Directory);
        Assert.True(down.Exit == 0, $"hakube lab down failed with exit {down.Exit}:\n{down.Stderr}\n{down.Stdout}");
        await LabScenario.AssertNothingLeftAsync(Directory, State);
    }
}
