using System.Globalization;
using HaKube.NetLab;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class ScriptRunnerTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly ScriptRunner _runner = new();

    [Fact]
    public async Task ExitZero_IsSuccess()
        => Assert.Equal(ScriptOutcome.Success, (await _runner.RunAsync(["true"], Long)).Outcome);

    [Fact]
    public async Task ExitNonZero_IsFailure_WithStderrTail()
    {
        var result = await _runner.RunAsync(["sh", "-c", "echo first >&2; echo 'haproxy is gone' >&2; exit 3"], Long);
        Assert.Equal(ScriptOutcome.Failure, result.Outcome);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("haproxy is gone", result.Message);
    }

    [Fact]
    public async Task MissingProgram_CannotStart()
    {
        var result = await _runner.RunAsync(["/nonexistent/check-haproxy"], Long);
        Assert.Equal(ScriptOutcome.CannotStart, result.Outcome);
        Assert.Contains("/nonexistent/check-haproxy", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_KillsTheWholeProcessGroup_AndLeavesNoZombie()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"hakube-script-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            // The script starts a child in its group and waits; both must die at the timeout.
            var result = await _runner.RunAsync(["sh", "-c", $"sleep 300 & echo $! > {pidFile}; echo $$ >> {pidFile}; wait"], TimeSpan.FromMilliseconds(500));

            Assert.Equal(ScriptOutcome.Timeout, result.Outcome);
            var pids = (await File.ReadAllLinesAsync(pidFile)).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(2, pids.Length);
            await Wait.UntilAsync(() => pids.All(p => !ProcFs.IsRunning(p)), TimeSpan.FromSeconds(10), "the script and its child to die");
            // The script itself was our child and has been reaped: not even a zombie is left.
            Assert.False(Directory.Exists($"/proc/{pids[1]}"), "the timed-out script was left as a zombie");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task User_RunsTheScriptAsThatUser()
    {
        var result = await _runner.RunAsync(["sh", "-c", "test \"$(id -u)\" = 65534 && test \"$(id -g)\" = 65534"], Long, user: "nobody", group: "nogroup");
        Assert.Equal(ScriptOutcome.Success, result.Outcome);
    }

    [Fact]
    public async Task UnknownUser_CannotStart_NamingIt()
    {
        var result = await _runner.RunAsync(["true"], Long, user: "no-such-user-hakube");
        Assert.Equal(ScriptOutcome.CannotStart, result.Outcome);
        Assert.Contains("no-such-user-hakube", result.Message, StringComparison.Ordinal);
    }
}
