using HaKube.Tcplb.Tests.Configuration;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary><c>tcplb --check -f PATH</c> as an operator runs it (the real command line, no lab needed).</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task GuidesHaproxyCfg_Valid_WithOneNoteThatTcplbRedispatchesAnyway()
    {
        var result = await CliResult.RunAsync(Path.GetTempPath(), "--check", "-f", TestFiles.Path("guide-haproxy.cfg"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("configuration valid (haproxy.cfg)", result.StandardOutput, StringComparison.Ordinal);
        var note = Assert.Single(result.StandardError.Split('\n'), l => l.Contains(": note: ", StringComparison.Ordinal));
        Assert.EndsWith(
            ": note: backend 'kube-apiserver' has no 'option redispatch': tcplb redispatches anyway (a failed connect is retried at once on another server); 'no option redispatch' turns it off",
            note,
            StringComparison.Ordinal);
    }
}
