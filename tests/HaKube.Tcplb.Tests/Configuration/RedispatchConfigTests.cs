using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>option redispatch in an haproxy.cfg and Redispatch in the native format: what each spelling means to tcplb.</summary>
public sealed class RedispatchConfigTests
{
    private const string File = "/etc/haproxy/haproxy.cfg";

    private static string Cfg(string defaults, string backend) => SmallCfg.Text(defaults: defaults, backend: "    retries 2\n" + backend);

    private static TcplbOptions Read(string text)
    {
        var result = ConfigLoader.Parse(text, File, _ => null);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Options!;
    }

    private static RetryOptions Retry(string defaults, string backend) => Read(Cfg(defaults, backend)).Backends[0].Retry;

    [Fact]
    public void Absent_RedispatchesEveryRetry_AndCheckPrintsANote()
    {
        var options = Read(Cfg("", ""));

        Assert.Equal(new RetryOptions { Retries = 2, Redispatch = true, RedispatchInterval = 1 }, options.Backends[0].Retry);
        var note = Assert.Single(ConfigNotes.For(options));
        Assert.Equal($"{File}:13: note: backend 'b' has no 'option redispatch': tcplb redispatches anyway (a failed connect is retried at once on another server); 'no option redispatch' turns it off", note);
    }

    [Fact]
    public void OptionRedispatch_HaproxysMeaning_LastRetry_NoNote()
    {
        var options = Read(Cfg("", "    option redispatch"));

        Assert.Equal(new RetryOptions { Retries = 2, Redispatch = true, RedispatchInterval = -1 }, options.Backends[0].Retry);
        Assert.Empty(ConfigNotes.For(options));
    }

    [Fact]
    public void OptionRedispatchWithInterval_KeepsIt()
        => Assert.Equal((true, 2), (Retry("", "    option redispatch 2").Redispatch, Retry("", "    option redispatch 2").RedispatchInterval));

    [Fact]
    public void NoOptionRedispatch_Off_NoNote()
    {
        var options = Read(Cfg("", "    no option redispatch"));

        Assert.False(options.Backends[0].Retry.Redispatch);
        Assert.Empty(ConfigNotes.For(options));
    }

    [Fact]
    public void NoOptionRedispatchInDefaults_OffForTheBackend()
        => Assert.False(Retry("    no option redispatch", "").Redispatch);

    [Fact]
    public void NoOptionRedispatchInDefaults_OverriddenByOptionRedispatchInTheBackend()
        => Assert.Equal((true, -1), (Retry("    no option redispatch", "    option redispatch").Redispatch, Retry("    no option redispatch", "    option redispatch").RedispatchInterval));

    [Fact]
    public void OptionRedispatchInDefaults_OverriddenByNoOptionRedispatchInTheBackend()
        => Assert.False(Retry("    option redispatch", "    no option redispatch").Redispatch);

    [Fact]
    public void OptionRedispatchInDefaults_CountsAsWritten_NoNote()
        => Assert.Empty(ConfigNotes.For(Read(Cfg("    option redispatch", ""))));

    [Fact]
    public void Guide_LacksOptionRedispatch_OneNoteAtItsBackendLine()
    {
        var options = ConfigLoader.Load(TestFiles.Path("guide-haproxy.cfg")).Options!;

        var note = Assert.Single(ConfigNotes.For(options));

        Assert.Contains("guide-haproxy.cfg:", note, StringComparison.Ordinal);
        Assert.Contains(": note: backend 'kube-apiserver' has no 'option redispatch'", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", true, 1)]
    [InlineData("\"Redispatch\": false,", false, 1)]
    [InlineData("\"Redispatch\": true, \"RedispatchInterval\": -1,", true, -1)]
    public void Native_RedispatchDefaultsOn_FalseIsNoOptionRedispatch_NoNote(string tcplb, bool redispatch, int interval)
    {
        var options = Read($$"""
            {
              "Frontends": { "f": { "DefaultBackend": "b" } },
              "ReverseProxy": { "Clusters": { "b": {
                "Tcplb": { {{tcplb}} "Retries": 2 },
                "Destinations": { "s1": { "Address": "198.18.0.2:6443" } }
              } } }
            }
            """);

        Assert.Equal((redispatch, interval), (options.Backends[0].Retry.Redispatch, options.Backends[0].Retry.RedispatchInterval));
        Assert.Empty(ConfigNotes.For(options));
    }
}
