using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class ProcessMatchTests
{
    [Fact]
    public void Name_MatchesTheCommandName()
    {
        var match = new ProcessMatch("haproxy", [], FullCommand: false);
        Assert.True(match.Matches("haproxy", null));
        Assert.False(match.Matches("haproxy-exporter", null));
        Assert.False(match.NeedsCommandLine);
    }

    [Fact]
    public void LongName_IsComparedAsLinuxTruncatesComm()
        => Assert.True(new ProcessMatch("kube-controller-manager", [], false).Matches("kube-controller", null));

    [Fact]
    public void FullCommand_MatchesArgv0()
    {
        var match = new ProcessMatch("/usr/sbin/haproxy", [], FullCommand: true);
        Assert.True(match.Matches("haproxy", ["/usr/sbin/haproxy", "-f", "/etc/haproxy/haproxy.cfg"]));
        Assert.False(match.Matches("haproxy", ["haproxy", "-f", "/etc/haproxy/haproxy.cfg"]));
        Assert.True(match.NeedsCommandLine);
    }

    [Fact]
    public void Arguments_MustBeExactlyThose()
    {
        var match = new ProcessMatch("sleep", ["1000"], FullCommand: false);
        Assert.True(match.Matches("sleep", ["sleep", "1000"]));
        Assert.False(match.Matches("sleep", ["sleep", "1000", "x"]));
        Assert.False(match.Matches("sleep", ["sleep", "100"]));
    }

    [Fact]
    public void CommandLine_SplitsOnNul()
    {
        Assert.Equal(["/bin/sleep", "1000"], ProcessMatch.SplitCommandLine("/bin/sleep\01000\0"));
        Assert.Empty(ProcessMatch.SplitCommandLine(""));
        Assert.Equal(["a", "", "b"], ProcessMatch.SplitCommandLine("a\0\0b\0"));
    }
}
