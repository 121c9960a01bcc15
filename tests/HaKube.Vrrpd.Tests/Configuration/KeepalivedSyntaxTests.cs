using HaKube.Common.Configuration;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Configuration.Keepalived;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>Tokens, comments, quotes, braces and include of keepalived.conf.</summary>
public sealed class KeepalivedSyntaxTests
{
    private static IReadOnlyList<KeepalivedStatement> Parse(string text, DiagnosticBag bag) =>
        KeepalivedSyntax.Parse(KeepalivedTokenizer.ReadText(text, "/etc/keepalived/keepalived.conf", bag), bag);

    [Fact]
    public void Comments_HashAndBang_AtTheStartOfAWord_EndTheLine()
    {
        var bag = new DiagnosticBag();
        var lines = KeepalivedTokenizer.ReadText("# whole line\n! also\nrouter_id a#b # note\nx ! y\n", "/k.conf", bag);

        Assert.Equal([["router_id", "a#b"], ["x"]], lines.Select(l => l.Select(t => t.Text)));
        Assert.Equal([3, 4], lines.Select(l => l[0].Line));
        Assert.Empty(bag.Items);
    }

    [Fact]
    public void Quotes_MakeOneWord_AndBracesAreWordsEvenWhenAttached()
    {
        var bag = new DiagnosticBag();
        var lines = KeepalivedTokenizer.ReadText("script \"killall -0 haproxy\" x{y}\n", "/k.conf", bag);

        var words = Assert.Single(lines);
        Assert.Equal(["script", "killall -0 haproxy", "x", "{", "y", "}"], words.Select(t => t.Text));
        Assert.True(words[1].Quoted);
    }

    [Fact]
    public void UnterminatedQuote_IsAnError_AtItsLine()
    {
        var bag = new DiagnosticBag();
        KeepalivedTokenizer.ReadText("a\nscript \"killall -0\n", "/k.conf", bag);

        var error = Assert.Single(bag.Items);
        Assert.Equal(("/k.conf", 2), (error.File, error.Line));
    }

    [Fact]
    public void BraceOnTheNextLine_OpensTheBlockOfThePreviousStatement()
    {
        var bag = new DiagnosticBag();
        var statements = Parse("vrrp_instance VI_1\n{\n  priority 50\n}\n", bag);

        var instance = Assert.Single(statements);
        Assert.Equal("vrrp_instance VI_1", instance.ToString());
        Assert.Equal("priority 50", Assert.Single(instance.Block!).ToString());
        Assert.Empty(bag.Items);
    }

    [Fact]
    public void BlockOnOneLine_HoldsItsWords()
    {
        var bag = new DiagnosticBag();
        var statements = Parse("vrrp_sync_group G { group { VI_1 VI_2 } }\n", bag);

        var group = Assert.Single(Assert.Single(statements).Block!);
        Assert.Equal("VI_1 VI_2", Assert.Single(group.Block!).ToString());
        Assert.Empty(bag.Items);
    }

    [Fact]
    public void Include_Glob_IsRelativeToTheIncludingFile_SortedAndKeepsEachFilesLines()
    {
        var dir = TestConfig.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "conf.d"));
        File.WriteAllText(Path.Combine(dir, "conf.d", "20-instance.conf"), TestConfig.Instance("  track_script {\n    chk\n  }"));
        File.WriteAllText(Path.Combine(dir, "conf.d", "10-script.conf"), "vrrp_script chk {\n  script /bin/true\n}\n");
        File.WriteAllText(Path.Combine(dir, "conf.d", ".hidden.conf"), "garbage {\n");
        File.WriteAllText(Path.Combine(dir, "keepalived.conf"), "global_defs {\n  router_id lb1\n}\ninclude conf.d/*.conf\n");

        var result = ConfigLoader.Load(Path.Combine(dir, "keepalived.conf"));

        var options = result.Clean();
        Assert.Equal("chk", Assert.Single(options.TrackScripts).Name);
        Assert.Equal("VI_1", Assert.Single(options.Instances).Name);
    }

    [Fact]
    public void Include_ErrorsNameTheIncludedFileAndItsLine()
    {
        var dir = TestConfig.NewTempDirectory();
        var included = Path.Combine(dir, "instance.conf");
        File.WriteAllText(included, TestConfig.Instance("  priority 300"));
        File.WriteAllText(Path.Combine(dir, "keepalived.conf"), "include instance.conf\n");

        var result = ConfigLoader.Load(Path.Combine(dir, "keepalived.conf"));

        result.SingleError(included, 7, "priority");
    }

    [Fact]
    public void IncludeCycle_IsAnError_AtTheIncludeThatClosesIt()
    {
        var dir = TestConfig.NewTempDirectory();
        var main = Path.Combine(dir, "keepalived.conf");
        var other = Path.Combine(dir, "other.conf");
        File.WriteAllText(main, TestConfig.Instance() + "\ninclude other.conf\n");
        File.WriteAllText(other, "# comment\ninclude keepalived.conf\n");

        var result = ConfigLoader.Load(main);

        var error = result.SingleError(other, 2, "include");
        Assert.Contains($"include cycle: {main} -> {other} -> {main}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncludeOfAMissingFile_IsAnError_AndAnEmptyGlobAWarning()
    {
        var (missing, path) = TestConfig.LoadText(TestConfig.Instance() + "\ninclude nothere.conf\n");
        missing.SingleError(path, 9, "include");

        var (empty, emptyPath) = TestConfig.LoadText(TestConfig.Instance() + "\ninclude none.d/*.conf\n");
        var warning = Assert.Single(empty.Diagnostics);
        Assert.Equal((emptyPath, 9, Severity.Warning), (warning.File, warning.Line, warning.Severity));
        Assert.NotNull(empty.Options);
    }

    [Theory]
    [InlineData("a.conf", "*.conf", true)]
    [InlineData(".a.conf", "*.conf", false)]
    [InlineData("b1.conf", "b?.conf", true)]
    [InlineData("b12.conf", "b?.conf", false)]
    [InlineData("c3", "c[0-4]", true)]
    [InlineData("c5", "c[!0-4]", true)]
    [InlineData("c3", "c[!0-4]", false)]
    public void Glob_MatchesAsFnmatch(string name, string pattern, bool matches) =>
        Assert.Equal(matches, IncludeGlob.Matches(name, pattern));

    [Fact]
    public void Detect_JsonByFirstNonBlankBrace()
    {
        Assert.Equal(ConfigFormat.Native, ConfigLoader.Detect("\uFEFF \n\t{ }"u8));
        Assert.Equal(ConfigFormat.Keepalived, ConfigLoader.Detect("# {\nglobal_defs {\n}"u8));
        Assert.Equal(ConfigFormat.Keepalived, ConfigLoader.Detect(""u8));
    }
}
