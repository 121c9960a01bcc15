using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("killall -0 haproxy", new[] { "killall", "-0", "haproxy" })]
    [InlineData("  /usr/bin/test   -e /run/x  ", new[] { "/usr/bin/test", "-e", "/run/x" })]
    [InlineData("sh -c 'kill -0 $(cat /run/haproxy.pid)'", new[] { "sh", "-c", "kill -0 $(cat /run/haproxy.pid)" })]
    [InlineData("echo \"a b\" c\\ d", new[] { "echo", "a b", "c d" })]
    [InlineData("echo ''", new[] { "echo", "" })]
    public void TrySplit_SplitsAsKeepalived(string line, string[] expected)
    {
        Assert.True(CommandLine.TrySplit(line, out var argv, out _));
        Assert.Equal(expected, argv);
    }

    [Theory]
    [InlineData("echo 'unterminated", "unbalanced ' quote")]
    [InlineData("   ", "empty command")]
    public void TrySplit_Invalid_SaysWhy(string line, string error)
    {
        Assert.False(CommandLine.TrySplit(line, out _, out var message));
        Assert.Equal(error, message);
    }
}
