using System.Text.RegularExpressions;
using HaKube.Common.Configuration;
using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>The native JSON format: documentation examples, round trip, unknown properties and type errors.</summary>
public sealed partial class JsonConfigTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(TestConfig.RepoRoot, "docs", "vrrpd-config.md"));

    [GeneratedRegex("```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    private static string DocsExample(int index) => JsonBlock().Matches(Docs)[index].Groups[1].Value;

    private static (ConfigLoadResult Result, string Path) LoadJson(string json) => TestConfig.LoadText(json, "vrrpd.json");

    [Fact]
    public void DocsGuideExample_ReadsIntoTheSameModelAsTheGuidesKeepalivedConf()
    {
        var fromKeepalived = ConfigLoader.Load(TestConfig.DataFile("guide-keepalived.conf")).Clean();

        var (result, _) = LoadJson(DocsExample(0));

        var fromJson = result.Clean();
        Assert.Equal(ConfigFormat.Native, result.Format);
        GuideConfigTests.AssertGuideModel(fromJson, self: "172.16.0.2", peer: "172.16.0.3");
        Assert.Equal(TestConfig.Canonical(fromKeepalived), TestConfig.Canonical(fromJson));
    }

    [Fact]
    public void DocsNativeExample_IsValid()
    {
        var options = LoadJson(DocsExample(1)).Result.Clean();

        var instance = Assert.Single(options.Instances);
        Assert.Equal(3, instance.EffectiveVersion(options.Global));
        Assert.Equal(10, instance.AdvertisementIntervalCentiseconds);
        Assert.Equal("/run/tcplb/tcplb.pid", Assert.Single(options.TrackProcesses).PidFile);
        Assert.Equal("tcplb-process", Assert.Single(instance.TrackProcesses).Name);
        Assert.Equal(new TcplbTrackerOptions { Name = "tcplb" }, Assert.Single(options.TrackTcplb));
        Assert.Equal("tcplb", Assert.Single(instance.TrackTcplb).Name);
        Assert.Equal(["/usr/local/bin/vip-notify", "master"], instance.Notify.Master!.Command);
    }

    [Theory]
    [InlineData("guide-keepalived.conf")]
    [InlineData("guide-lb2-keepalived.conf")]
    public void GuideModel_RoundTripsThroughTheNativeFormat(string guide)
    {
        var original = ConfigLoader.Load(TestConfig.DataFile(guide)).Clean();

        var json = TestConfig.Canonical(original);
        var (result, _) = LoadJson(json);

        Assert.Equal(json, TestConfig.Canonical(result.Clean()));
    }

    [Fact]
    public void UnknownProperties_AreWarnings_WithLineAndPath_AndTheFileStaysValid()
    {
        var (result, path) = LoadJson("""
            {
              "$schema": "https://example.invalid/vrrpd.json",
              "instances": [
                {
                  "name": "VI_1",
                  "interface": "eth0",
                  "virtualRouterId": 51,
                  "Priority": 120,
                  "colour": "blue",
                  "virtualAddresses": [ { "address": "192.0.2.10", "prefixLength": 24 } ]
                }
              ]
            }
            """);

        Assert.NotNull(result.Options);
        Assert.Equal(100, result.Options.Instances[0].Priority);
        Assert.Equal(
            [(path, 8, "instances[0].Priority", Severity.Warning), (path, 9, "instances[0].colour", Severity.Warning)],
            result.Diagnostics.Select(d => (d.File, d.Line, d.Field, d.Severity)));
        Assert.Contains("did you mean 'priority'?", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeErrors_AreAllReported_WithLineAndPath()
    {
        var (result, path) = LoadJson("""
            {
              "global": { "vrrpVersion": "3" },
              "instances": [
                {
                  "name": "VI_1",
                  "interface": "eth0",
                  "virtualRouterId": 51.5,
                  "initialState": "leader",
                  "unicastPeers": ["192.0.2.300"],
                  "preempt": "no",
                  "virtualAddresses": { "address": "192.0.2.10" }
                }
              ]
            }
            """);

        Assert.Null(result.Options);
        Assert.Equal(
            [
                (path, 2, "global.vrrpVersion"),
                (path, 7, "instances[0].virtualRouterId"),
                (path, 8, "instances[0].initialState"),
                (path, 9, "instances[0].unicastPeers[0]"),
                (path, 10, "instances[0].preempt"),
                (path, 11, "instances[0].virtualAddresses"),
            ],
            result.Errors().Select(d => (d.File, d.Line, d.Field)));
        Assert.Equal("expected a whole number; found \"3\"", result.Diagnostics[0].Message);
        Assert.Equal("expected an IPv4 or IPv6 address as a string; found \"192.0.2.300\"", result.Diagnostics[3].Message);
    }

    [Fact]
    public void ValidatorFindings_NameTheJsonLineAndPath()
    {
        var (result, path) = LoadJson("""
            {
              "instances": [
                {
                  "name": "VI_1",
                  "interface": "eth0",
                  "virtualRouterId": 51,
                  "priority": 300,
                  "virtualAddresses": [ { "address": "192.0.2.10", "prefixLength": 24 } ],
                  "trackTcplb": [ { "name": "nosuch" } ]
                }
              ]
            }
            """);

        Assert.Equal(
            [(path, 7, "instances[0].priority"), (path, 9, "instances[0].trackTcplb[0]")],
            result.Errors().Select(d => (d.File, d.Line, d.Field)));
    }

    [Fact]
    public void TrackerRiseAndFallDelays_AreRead_AndOutOfRangeIsAnError_AtTheirField()
    {
        const string Template = """
            {
              "instances": [
                {
                  "name": "VI_1",
                  "interface": "eth0",
                  "virtualRouterId": 51,
                  "virtualAddresses": [ { "address": "192.0.2.10", "prefixLength": 24 } ],
                  "trackInterfaces": [ { "name": "eth1", "weight": -20, "riseDelay": RISE, "fallDelay": 0.25 } ]
                }
              ]
            }
            """;

        var good = LoadJson(Template.Replace("RISE", "3", StringComparison.Ordinal)).Result.Clean();
        var reference = Assert.Single(Assert.Single(good.Instances).TrackInterfaces);
        Assert.Equal((3m, 0.25m), (reference.RiseDelay, reference.FallDelay));

        var (bad, path) = LoadJson(Template.Replace("RISE", "-1", StringComparison.Ordinal));
        var error = bad.SingleError(path, 8, "instances[0].trackInterfaces[0].riseDelay");
        Assert.Contains("allowed 0..3600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJson_IsAnError_AtItsLine()
    {
        var (result, path) = LoadJson("{\n  \"instances\": [\n    { \"name\": \"VI_1\" \n    \"interface\": \"eth0\" }\n  ]\n}\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 4, Severity.Error), (error.File, error.Line, error.Severity));
        Assert.StartsWith("invalid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScalarWhereAnObjectIsExpected_IsAnError()
    {
        var (result, path) = LoadJson("{\n  \"global\": 5\n}");

        var error = result.SingleError(path, 2, "global");
        Assert.Equal("expected an object; found 5", error.Message);
    }

    [Fact]
    public void EnumValues_AreCaseInsensitive()
    {
        var (result, _) = LoadJson("""
            { "instances": [ { "name": "VI_1", "interface": "eth0", "virtualRouterId": 51, "initialState": "mAsTeR",
                               "virtualAddresses": [ { "address": "192.0.2.10" } ] } ] }
            """);

        var options = result.Clean();
        Assert.Equal(VrrpInitialState.Master, options.Instances[0].InitialState);
        Assert.Contains("\"initialState\": \"Master\"", TestConfig.Canonical(options), StringComparison.Ordinal);
        // No prefix: the full length, as Keepalived.
        Assert.Null(options.Instances[0].VirtualAddresses[0].PrefixLength);
        Assert.Equal(32, options.Instances[0].VirtualAddresses[0].EffectivePrefixLength);
    }
}
