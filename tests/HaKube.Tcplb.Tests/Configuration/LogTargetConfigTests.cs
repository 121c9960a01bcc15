using System.Net.Sockets;
using HaKube.Common.Configuration;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>HAProxy's log lines: targets, formats, facilities and levels, 'log global' and 'no log', each finding at file:line.</summary>
public sealed class LogTargetConfigTests
{
    private const string File = "/etc/haproxy/haproxy.cfg";

    private static ConfigLoadResult Parse(string text) => ConfigLoader.Parse(text, File, _ => null);

    private static string Cfg(string global, string defaults = "    log global", string frontend = "", string backend = "")
        => SmallCfg.Text(global, defaults, frontend, backend);

    private static LogTargetOptions Target(string words)
    {
        var errors = new List<string>();
        var target = LogTargetParser.Parse(words.Split(' '), (f, m) => errors.Add($"{f}: {m}"), (f, m) => errors.Add($"{f}: {m}"));
        Assert.Empty(errors);
        return target!;
    }

    [Fact]
    public void DevLog_UnixSocket_Rfc3164ByDefault_MaxLevelWarning()
    {
        var t = Target("/dev/log local0 warning");
        Assert.Equal((LogTargetKind.UnixSocket, "/dev/log", SyslogFormat.Rfc3164, SyslogFacility.Local0, SyslogLevel.Warning, (SyslogLevel?)null, 1024),
            (t.Kind, t.Path, t.Format, t.Facility, t.MaxLevel, t.MinLevel, t.MaxLength));
    }

    [Theory]
    [InlineData("udp@198.18.0.9:1514", "198.18.0.9", 1514, AddressFamily.InterNetwork)]
    [InlineData("198.18.0.9", "198.18.0.9", 514, AddressFamily.InterNetwork)]
    [InlineData("udp@[2001:db8::9]", "2001:db8::9", 514, AddressFamily.InterNetworkV6)]
    [InlineData("udp6@[::1]:5140", "::1", 5140, AddressFamily.InterNetworkV6)]
    [InlineData("ipv4@logs.example:514", "logs.example", 514, AddressFamily.InterNetwork)]
    [InlineData("logs.example", "logs.example", 514, AddressFamily.Unspecified)]
    public void UdpTargets_HostPortFamily_Port514ByDefault(string text, string host, int port, AddressFamily family)
    {
        var t = Target(text + " local0");
        Assert.Equal((LogTargetKind.Udp, host, port, family), (t.Kind, t.Host, t.Port, t.Family));
    }

    [Theory]
    [InlineData("stdout", "Stdout")]
    [InlineData("fd@1", "Stdout")]
    [InlineData("stderr", "Stderr")]
    [InlineData("fd@2", "Stderr")]
    [InlineData("unix@/run/log.sock", "UnixSocket")]
    public void StreamsAndUnixPrefix(string text, string kind) => Assert.Equal(Enum.Parse<LogTargetKind>(kind), Target(text + " local0").Kind);

    [Fact]
    public void KubeadmStdoutFormatRaw_LenFormatFacilityMaxAndMinLevels()
    {
        var t = Target("stdout len 2048 format raw daemon info err");
        Assert.Equal((SyslogFormat.Raw, 2048, SyslogFacility.Daemon, SyslogLevel.Info, (SyslogLevel?)SyslogLevel.Err),
            (t.Format, t.MaxLength, t.Facility, t.MaxLevel, t.MinLevel));
    }

    [Theory]
    [InlineData("log /dev/log local9", "log", "'local9' is not a syslog facility")]
    [InlineData("log /dev/log", "log", "needs a facility")]
    [InlineData("log ring@buf local0", "log", "does not send logs to 'ring@' targets")]
    [InlineData("log udp@198.18.0.9:99999 local0", "log", "not a port 1..65535")]
    [InlineData("log udp@198.18.0.300 local0", "log", "not an IPv4 address")]
    [InlineData("log udp4@[::1] local0", "log", "asks for IPv4")]
    [InlineData("log /dev/log format json local0", "log format", "'json' is not a log format")]
    [InlineData("log /dev/log len 10 local0", "log len", "from 80 to 65535")]
    [InlineData("log /dev/log local0 loud", "log", "'loud' is not a log level")]
    [InlineData("log unix@relative local0", "log", "absolute path")]
    public void BadTargetOrFacility_ErrorAtTheLogLine(string line, string field, string message)
    {
        var result = Parse(Cfg("    " + line));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((File, 2, field), (error.File, error.Line, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void BadTargetInAFrontend_ErrorAtItsLine()
    {
        var result = Parse(Cfg("    log /dev/log local0", frontend: "    log udp@nope:x local0"));
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((12, "log"), (error.Line, error.Field));
    }

    [Fact]
    public void LogGlobalInDefaults_FrontendAndBackendInheritTheGlobalTargets()
    {
        var options = Parse(Cfg("    log /dev/log local0 warning\n    log udp@127.0.0.1:5514 local1 info")).Options!;

        Assert.Equal(["/dev/log", "udp@127.0.0.1:5514"], options.Frontends[0].LogTargets.Select(t => t.Target));
        Assert.Equal(["/dev/log", "udp@127.0.0.1:5514"], options.Backends[0].LogTargets.Select(t => t.Target));
        Assert.Equal(SyslogLevel.Info, options.Global.LogLevel);
    }

    [Fact]
    public void OwnTargetInAFrontend_AddsToTheInheritedOnes()
    {
        var frontend = Parse(Cfg("    log /dev/log local0", frontend: "    log stdout format raw local0")).Options!.Frontends[0];
        Assert.Equal(["/dev/log", "stdout"], frontend.LogTargets.Select(t => t.Target));
    }

    [Fact]
    public void NoLogGlobal_NoTargets_TheJournalKeepsTheLines()
    {
        var frontend = Parse(Cfg("    log /dev/log local0", defaults: "")).Options!.Frontends[0];
        Assert.Empty(frontend.LogTargets);
        Assert.False(frontend.LogDisabled);
    }

    [Fact]
    public void NoLogInAFrontend_DisablesWhatDefaultsGave_BackendKeepsIt()
    {
        var options = Parse(Cfg("    log /dev/log local0", frontend: "    no log")).Options!;

        Assert.Empty(options.Frontends[0].LogTargets);
        Assert.True(options.Frontends[0].LogDisabled);
        Assert.Single(options.Backends[0].LogTargets);
    }

    [Fact]
    public void NoLogInDefaults_ThenLogGlobalInTheBackend()
    {
        var options = Parse(Cfg("    log /dev/log local0", defaults: "    log global\n    no log", backend: "    log global")).Options!;

        Assert.True(options.Frontends[0].LogDisabled);
        Assert.False(options.Backends[0].LogDisabled);
        Assert.Single(options.Backends[0].LogTargets);
    }

    [Fact]
    public void LogGlobalInTheGlobalSection_WarnedAndIgnored()
    {
        var warning = Assert.Single(Parse(Cfg("    log global")).Diagnostics, d => d.Severity == Severity.Warning && d.Field == "log");
        Assert.Equal(2, warning.Line);
    }

    [Fact]
    public void Sample_RangesAndSize_OnTheTarget()
    {
        var result = Parse(Cfg("    log /dev/log sample 1-3,5:10 local0"));

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var sample = Assert.Single(result.Options!.Global.Logs).Sample!;
        Assert.Equal("1-3,5:10", sample.ToString());
        Assert.Equal([true, true, true, false, true, false, false, false, false, false, true], Enumerable.Range(0, 11).Select(i => sample.Takes(i)));
    }

    [Theory]
    [InlineData("sample 1-3", "not RANGES:SIZE")]
    [InlineData("sample 1:0", "not a sample size")]
    [InlineData("sample 3-1:5", "'3-1' is not a range")]
    [InlineData("sample 0:5", "'0' is not a range")]
    [InlineData("sample 1-6:5", "goes beyond the sample size 5")]
    [InlineData("sample x:5", "'x' is not a range")]
    public void Sample_Malformed_ErrorAtTheLine(string words, string message)
    {
        var result = Parse(Cfg($"    log /dev/log {words} local0"));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((2, "log sample"), (error.Line, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatWritten_TellsRfc3164GivenFromTheDefault()
    {
        Assert.False(Target("/dev/log local0").FormatWritten);
        Assert.True(Target("/dev/log format rfc3164 local0").FormatWritten);
    }

    [Fact]
    public void LogTagAndSendHostname_Global_AndAProxysOwnTag()
    {
        var result = Parse(Cfg("    log /dev/log local0\n    log-tag haproxy\n    log-send-hostname lb-a", backend: "    log-tag be-tag"));

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Field is "log-tag" or "log-send-hostname");
        var o = result.Options!;
        Assert.Equal(new LogHeader("haproxy", "lb-a"), o.Global.LogHeader);
        Assert.Equal(new LogHeader("haproxy", "lb-a"), o.Frontends[0].LogHeader);
        Assert.Equal(new LogHeader("be-tag", "lb-a"), o.Backends[0].LogHeader);
    }

    [Fact]
    public void LogTagInDefaults_CopiedIntoEachProxy_SendHostnameWithoutAName_TheMachines()
    {
        var o = Parse(Cfg("    log-send-hostname", defaults: "    log global\n    log-tag k8s-api")).Options!;

        Assert.Equal(new LogHeader("tcplb", Environment.MachineName), o.Global.LogHeader);
        Assert.Equal(new LogHeader("k8s-api", Environment.MachineName), o.Frontends[0].LogHeader);
        Assert.Equal(LogHeader.Default, Parse(Cfg("")).Options!.Backends[0].LogHeader);
    }

    [Fact]
    public void LogTagWithoutAValue_ErrorAtItsLine()
    {
        var error = Assert.Single(Parse(Cfg("    log-tag")).Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((2, "log-tag"), (error.Line, error.Field));
    }

    [Fact]
    public void Native_LogTagAndSendHostname()
    {
        static TcplbOptions Read(string global) => ConfigLoader.Parse($$"""
            {
              "Global": { {{global}} },
              "Frontends": { "f": { "DefaultBackend": "b" } },
              "ReverseProxy": { "Clusters": { "b": { "Destinations": { "s1": { "Address": "198.18.0.2:6443" } } } } }
            }
            """, "/etc/tcplb/tcplb.json").Options!;

        var named = Read("\"LogTag\": \"haproxy\", \"LogSendHostname\": \"lb-a\"");
        Assert.Equal(new LogHeader("haproxy", "lb-a"), named.Global.LogHeader);
        Assert.Equal(new LogHeader("haproxy", "lb-a"), named.Frontends[0].LogHeader);
        Assert.Equal(new LogHeader("haproxy", "lb-a"), named.Backends[0].LogHeader);
        Assert.Equal(new LogHeader("tcplb", Environment.MachineName), Read("\"LogSendHostname\": \"\"").Global.LogHeader);

        var bad = ConfigLoader.Parse("""
            {
              "Global": { "LogTag": "two words" },
              "Frontends": { "f": { "DefaultBackend": "b" } },
              "ReverseProxy": { "Clusters": { "b": { "Destinations": { "s1": { "Address": "198.18.0.2:6443" } } } } }
            }
            """, "/etc/tcplb/tcplb.json");
        var error = Assert.Single(bad.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((2, "Global.LogTag"), (error.Line, error.Field));
    }

    [Fact]
    public void Native_GlobalLogsInHaproxySyntax_EveryFrontendAndBackendUsesThem()
    {
        var result = ConfigLoader.Parse("""
            {
              "Global": { "Logs": [ "/dev/log local0 warning", "udp@127.0.0.1 local0 info" ] },
              "Frontends": { "f": { "DefaultBackend": "b" } },
              "ReverseProxy": { "Clusters": { "b": { "Destinations": { "s1": { "Address": "198.18.0.2:6443" } } } } }
            }
            """, "/etc/tcplb/tcplb.json");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var options = result.Options!;
        Assert.Equal([514, 514], options.Frontends[0].LogTargets.Select(t => t.Kind == LogTargetKind.Udp ? t.Port : 514));
        Assert.Equal(2, options.Backends[0].LogTargets.Length);
        Assert.Equal(2, options.Global.Logs.Length);
    }

    [Fact]
    public void Native_BadFacility_ErrorAtTheArrayElement()
    {
        var result = ConfigLoader.Parse("""
            {
              "Global": {
                "Logs": [
                  "/dev/log local0",
                  "/dev/log locale"
                ]
              },
              "Frontends": { "f": { "DefaultBackend": "b" } },
              "ReverseProxy": { "Clusters": { "b": { "Destinations": { "s1": { "Address": "198.18.0.2:6443" } } } } }
            }
            """, "/etc/tcplb/tcplb.json");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((5, "Global.Logs[1]"), (error.Line, error.Field));
        Assert.Contains("'locale' is not a syslog facility", error.Message, StringComparison.Ordinal);
    }
}
