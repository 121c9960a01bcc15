namespace HaKube.NetLab.Tests;

/// <summary>The command runner under every lab operation reports what failed, not a bare cancellation.</summary>
public sealed class CmdTests
{
    [Fact]
    public async Task RunChecked_MissingProgram_NamesIt()
    {
        var e = await Assert.ThrowsAsync<LabException>(() => Cmd.RunCheckedAsync(["/nonexistent/hakube-no-such-tool", "x"]));

        Assert.Contains("cannot start '/nonexistent/hakube-no-such-tool x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunChecked_OverItsTimeout_SaysSoAndKillsIt()
    {
        var e = await Assert.ThrowsAsync<LabException>(() => Cmd.RunCheckedAsync(["sleep", "30"], timeout: TimeSpan.FromMilliseconds(200)));

        Assert.Contains("'sleep 30' did not finish within 0.2 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunChecked_NonZeroExit_CarriesTheExitCodeAndStderr()
    {
        var e = await Assert.ThrowsAsync<LabException>(() => Cmd.RunCheckedAsync(["sh", "-c", "echo broken rule >&2; exit 3"]));

        Assert.Contains("exited with 3: broken rule", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunChecked_Success_ReturnsTheOutput()
    {
        var result = await Cmd.RunCheckedAsync(["sh", "-c", "cat; echo done"], stdin: "in\n");

        Assert.Equal("in\ndone\n", result.StandardOutput);
    }

    [Fact]
    public async Task RunChecked_ChildThatNeverReadsItsInput_IsBoundedToo()
    {
        // More than a pipe holds (64 KiB): the write itself would block forever without the bound.
        var e = await Assert.ThrowsAsync<LabException>(() => Cmd.RunCheckedAsync(["sleep", "30"], stdin: new string('x', 1 << 20), timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Contains("did not finish within 0.3 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ChildExitingWithoutReadingItsInput_ReportsItsExit()
    {
        var result = await Cmd.RunAsync(["sh", "-c", "echo refused >&2; exit 4"], stdin: new string('x', 1 << 20));

        Assert.Equal((4, "refused\n"), (result.ExitCode, result.StandardError));
    }

    [Fact]
    public async Task RunChecked_CallerCancels_IsACancellation()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cmd.RunCheckedAsync(["sleep", "30"], ct: cts.Token));
    }
}
