using System.Text.RegularExpressions;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>
/// vrrpd publishes as Native AOT: its JSON goes through the source-generated VrrpdJsonContext only. The
/// build's AOT analyzers (IsAotCompatible) already fail on reflection-based calls; this names the rule.
/// </summary>
public sealed partial class AotSafetyTests
{
    [GeneratedRegex(@"JsonSerializer\.(?:Serialize|Deserialize)\w*\s*(<[^>]*>)?\s*\(((?:[^()]|\([^()]*\))*)\)")]
    private static partial Regex SerializerCall();

    [GeneratedRegex(@"new\s+JsonSerializerOptions|DefaultJsonTypeInfoResolver|JsonSerializer\.IsReflectionEnabledByDefault")]
    private static partial Regex ReflectionResolver();

    private static IEnumerable<(string File, string Text)> VrrpdSources() =>
        Directory.EnumerateFiles(Path.Combine(TestConfig.RepoRoot, "src", "vrrpd"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f)));

    [Fact]
    public void EveryJsonSerializerCall_PassesSourceGeneratedMetadata()
    {
        var calls = VrrpdSources()
            .SelectMany(s => SerializerCall().Matches(s.Text).Select(m => (s.File, Call: m.Value, Generic: m.Groups[1].Success, Args: m.Groups[2].Value)))
            .ToList();

        Assert.NotEmpty(calls);
        Assert.All(calls, c =>
        {
            Assert.False(c.Generic, $"{c.File}: explicit generic JsonSerializer call: {c.Call}");
            Assert.Matches(@"(VrrpdJsonContext\.Default\.\w+|\binfo)\s*$", c.Args);
        });
    }

    [Fact]
    public void NoReflectionBasedResolver_IsCreated()
    {
        var offenders = VrrpdSources().Where(s => ReflectionResolver().IsMatch(s.Text)).Select(s => s.File);

        Assert.Empty(offenders);
    }

    [Fact]
    public void VrrpdProject_IsMarkedAotCompatible()
    {
        var project = File.ReadAllText(Path.Combine(TestConfig.RepoRoot, "src", "vrrpd", "HaKube.Vrrpd.csproj"));

        Assert.Contains("<IsAotCompatible>true</IsAotCompatible>", project, StringComparison.Ordinal);
        Assert.Contains("<PublishAot>true</PublishAot>", project, StringComparison.Ordinal);
    }
}
