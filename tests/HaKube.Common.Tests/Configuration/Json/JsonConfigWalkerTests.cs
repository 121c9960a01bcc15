using System.Text;
using System.Text.Json.Serialization.Metadata;
using HaKube.Common.Configuration;
using HaKube.Common.Configuration.Json;

namespace HaKube.Common.Tests.Configuration.Json;

/// <summary>The shared JSON walk: findings with line and path, checked against source-generated metadata only.</summary>
public sealed class JsonConfigWalkerTests
{
    private const string File = "/etc/sample.json";

    private sealed record Outcome(bool Ok, IReadOnlyList<Diagnostic> Diagnostics, Dictionary<string, int> Lines)
    {
        public IEnumerable<(Severity, int, string)> Findings => Diagnostics.Select(d => (d.Severity, d.Line, d.Field));
    }

    private static Outcome Walk(string json, JsonTypeInfo? root = null, bool allowSchema = false, bool warnDuplicates = false, Func<Type, string?>? describe = null)
    {
        var diagnostics = new DiagnosticBag();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var options = new JsonWalkOptions
        {
            SettingFound = (path, line) => lines[path] = line,
            AllowSchemaProperty = allowSchema,
            WarnDuplicateProperties = warnDuplicates,
            DescribeType = describe,
        };
        var ok = JsonConfigWalker.Walk(Encoding.UTF8.GetBytes(json), root ?? SampleJsonContext.Default.SampleConfig, File, diagnostics, options);
        return new Outcome(ok, diagnostics.Items, lines);
    }

    [Fact]
    public void UnknownProperty_IsAWarningWithLineAndPath_AndTheDocumentStaysUsable()
    {
        var outcome = Walk("""
            {
              "name": "a",
              "primary": {
                "address": "10.0.0.1",
                "colour": "blue"
              }
            }
            """);

        Assert.True(outcome.Ok);
        Assert.Equal([(Severity.Warning, 5, "primary.colour")], outcome.Findings);
        Assert.Equal("unknown property 'colour'; it is ignored (known here: address, weight, backup)", outcome.Diagnostics[0].Message);
        Assert.DoesNotContain("primary.colour", outcome.Lines.Keys);
    }

    [Fact]
    public void UnknownProperty_DifferingOnlyInCase_SuggestsTheKnownName()
    {
        var outcome = Walk("{\n  \"Port\": 80\n}");

        var warning = Assert.Single(outcome.Diagnostics);
        Assert.Equal((Severity.Warning, 2, "Port"), (warning.Severity, warning.Line, warning.Field));
        Assert.Equal("unknown property 'Port'; it is ignored (did you mean 'port'?)", warning.Message);
    }

    [Fact]
    public void CaseInsensitiveOptions_MatchAnyCase_AndPathsKeepTheNameAsWritten()
    {
        var outcome = Walk("{\n  \"PRIMARY\": { \"Weight\": \"heavy\" }\n}", SampleCaseInsensitiveJsonContext.Default.SampleConfig);

        Assert.False(outcome.Ok);
        Assert.Equal([(Severity.Error, 2, "PRIMARY.Weight")], outcome.Findings);
        Assert.Equal(2, outcome.Lines["PRIMARY"]);
    }

    [Fact]
    public void TypeError_InANestedObject_NamesTheNestedPath()
    {
        var outcome = Walk("""
            {
              "primary": {
                "weight": "heavy"
              }
            }
            """);

        Assert.False(outcome.Ok);
        var error = Assert.Single(outcome.Diagnostics);
        Assert.Equal((Severity.Error, 3, "primary.weight"), (error.Severity, error.Line, error.Field));
        Assert.Equal("expected a whole number; found \"heavy\"", error.Message);
    }

    [Fact]
    public void ArrayItems_HaveTheirIndexInThePath()
    {
        var outcome = Walk("""
            {
              "servers": [
                { "address": "10.0.0.1" },
                { "address": "10.0.0.2", "backup": "yes" }
              ],
              "ports": [80, 443.5]
            }
            """);

        Assert.Equal([(Severity.Error, 4, "servers[1].backup"), (Severity.Error, 6, "ports[1]")], outcome.Findings);
        Assert.Equal("expected true or false; found \"yes\"", outcome.Diagnostics[0].Message);
        Assert.Equal("expected a whole number; found 443.5", outcome.Diagnostics[1].Message);
    }

    [Fact]
    public void WholeNumberTooLarge_SaysTheRange()
    {
        var outcome = Walk("""{ "ports": [99999999999] }""");

        Assert.Equal("expected a whole number from -2147483648 to 2147483647; found 99999999999", Assert.Single(outcome.Diagnostics).Message);
    }

    [Fact]
    public void DictionaryValues_AreWalked_WithTheKeyInThePath()
    {
        var outcome = Walk("""
            {
              "weights": { "a": 1, "b": "two" },
              "pools": {
                "blue": { "adress": "10.0.0.1" },
                "green": 5
              }
            }
            """);

        Assert.Equal(
            [(Severity.Error, 2, "weights.b"), (Severity.Warning, 4, "pools.blue.adress"), (Severity.Error, 5, "pools.green")],
            outcome.Findings);
        Assert.Equal("expected an object; found 5", outcome.Diagnostics[2].Message);
        Assert.Equal((2, 4, 5), (outcome.Lines["weights.a"], outcome.Lines["pools.blue"], outcome.Lines["pools.green"]));
    }

    [Fact]
    public void Null_IsAnError_WhereTheModelAllowsNone()
    {
        var outcome = Walk("""
            {
              "name": null,
              "port": null,
              "mode": null,
              "primary": null,
              "servers": [ null ],
              "ports": [ null ],
              "weights": { "a": null }
            }
            """);

        Assert.Equal(
            [(Severity.Error, 3, "port"), (Severity.Error, 4, "mode"), (Severity.Error, 6, "servers[0]"), (Severity.Error, 8, "weights.a")],
            outcome.Findings);
        Assert.Equal("must not be null; expected a whole number; found null", outcome.Diagnostics[0].Message);
        Assert.Equal("must not be null; expected an object; found null", outcome.Diagnostics[2].Message);
    }

    [Fact]
    public void EveryError_IsReported_NotJustTheFirst()
    {
        var outcome = Walk("""
            {
              "port": "http",
              "servers": { "address": "10.0.0.1" },
              "primary": { "weight": true, "backup": 1 },
              "mode": 7
            }
            """);

        Assert.False(outcome.Ok);
        Assert.Equal(
            [(Severity.Error, 2, "port"), (Severity.Error, 3, "servers"), (Severity.Error, 4, "primary.weight"), (Severity.Error, 4, "primary.backup"), (Severity.Error, 5, "mode")],
            outcome.Findings);
        Assert.Equal("expected an array; found an object", outcome.Diagnostics[1].Message);
    }

    [Fact]
    public void SettingFound_TellsTheLineOfEveryKnownSetting()
    {
        var outcome = Walk("""
            {
              "name": "a",
              "servers": [
                {
                  "address": "10.0.0.1"
                }
              ]
            }
            """);

        Assert.True(outcome.Ok);
        Assert.Empty(outcome.Diagnostics);
        Assert.Equal(
            [("name", 2), ("servers", 3), ("servers[0]", 4), ("servers[0].address", 5)],
            outcome.Lines.Select(p => (p.Key, p.Value)).Order());
    }

    [Fact]
    public void SchemaProperty_IsAcceptedAtTheRoot_OnlyWhenAllowed()
    {
        const string Json = "{\n  \"$schema\": \"https://example.invalid/sample.json\",\n  \"primary\": { \"$schema\": \"x\" }\n}";

        Assert.Equal([(Severity.Warning, 3, "primary.$schema")], Walk(Json, allowSchema: true).Findings);
        Assert.Equal([(Severity.Warning, 2, "$schema"), (Severity.Warning, 3, "primary.$schema")], Walk(Json).Findings);
    }

    [Fact]
    public void DuplicateProperty_IsAWarning_OnlyWhenAsked()
    {
        const string Json = "{\n  \"port\": 1,\n  \"port\": 2\n}";

        var warning = Assert.Single(Walk(Json, warnDuplicates: true).Diagnostics);
        Assert.Equal((Severity.Warning, 3, "port"), (warning.Severity, warning.Line, warning.Field));
        Assert.Equal("'port' is given twice in this object; the last one wins", warning.Message);
        Assert.Empty(Walk(Json).Diagnostics);
    }

    [Fact]
    public void DuplicateProperty_InAnyCase_WhenNamesMatchInAnyCase()
    {
        var outcome = Walk("{ \"Port\": 1, \"port\": 2 }", SampleCaseInsensitiveJsonContext.Default.SampleConfig, warnDuplicates: true);

        Assert.Equal([(Severity.Warning, 1, "port")], outcome.Findings);
    }

    [Fact]
    public void Scalars_AreCheckedByTheirConverter_AndDescribedByTheHook()
    {
        static string? Describe(Type type) => type == typeof(TimeSpan) ? "a time such as 00:00:10" : null;

        var outcome = Walk("{ \"timeout\": \"ten seconds\" }", describe: Describe);

        var error = Assert.Single(outcome.Diagnostics);
        Assert.Equal(("timeout", "expected a time such as 00:00:10; found \"ten seconds\""), (error.Field, error.Message));
        Assert.True(Walk("{ \"timeout\": \"00:00:10\" }").Ok);
    }

    [Fact]
    public void InvalidJson_IsOneErrorAtItsLine()
    {
        var outcome = Walk("{\n  \"name\": \"a\",\n  \"port\": 1,,\n}");

        Assert.False(outcome.Ok);
        var error = Assert.Single(outcome.Diagnostics);
        Assert.Equal((Severity.Error, 3, ""), (error.Severity, error.Line, error.Field));
        Assert.StartsWith("invalid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommentsAndTrailingCommas_FollowTheSerializerOptions()
    {
        var outcome = Walk("{\n  // the service\n  \"name\": \"a\", /* its port */\n  \"port\": 1,\n}");

        Assert.True(outcome.Ok);
        Assert.Empty(outcome.Diagnostics);
        Assert.Equal(4, outcome.Lines["port"]);
    }
}
