using HaKube.Common.Configuration;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Configuration.Json;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>Paths of the golden files and helpers to load configurations written by a test.</summary>
internal static class TestConfig
{
    /// <summary>The repository root, found from the test binary's directory.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string DataDirectory => Path.Combine(RepoRoot, "tests", "HaKube.Vrrpd.Tests", "TestData", "Config");

    public static string DataFile(string name) => Path.Combine(DataDirectory, name);

    /// <summary>A fresh directory under the system temp folder; files a test writes go there.</summary>
    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hakube-vrrpd-config-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes <paramref name="text"/> to a temp file named <paramref name="name"/> and loads it.</summary>
    public static (ConfigLoadResult Result, string Path) LoadText(string text, string name = "keepalived.conf")
    {
        var path = Path.Combine(NewTempDirectory(), name);
        File.WriteAllText(path, text);
        return (ConfigLoader.Load(path), path);
    }

    public static IEnumerable<Diagnostic> Errors(this ConfigLoadResult result) => result.Diagnostics.Where(d => d.Severity == Severity.Error);

    public static IEnumerable<Diagnostic> Warnings(this ConfigLoadResult result) => result.Diagnostics.Where(d => d.Severity == Severity.Warning);

    /// <summary>The options of a load expected to succeed without any finding.</summary>
    public static VrrpdOptions Clean(this ConfigLoadResult result)
    {
        Assert.True(result.Diagnostics.Count == 0, "unexpected findings:\n" + string.Join('\n', result.Diagnostics));
        return result.Options!;
    }

    /// <summary>Asserts exactly one error, at <paramref name="line"/> of <paramref name="path"/> with <paramref name="field"/>, and returns it.</summary>
    public static Diagnostic SingleError(this ConfigLoadResult result, string path, int line, string field)
    {
        var errors = result.Errors().ToList();
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join('\n', result.Diagnostics));
        var error = errors[0];
        Assert.Equal((path, line, field), (error.File, error.Line, error.Field));
        Assert.StartsWith($"{path}{(line > 0 ? $":{line}" : "")}: error: {(field.Length > 0 ? field + ": " : "")}", error.ToString(), StringComparison.Ordinal);
        Assert.Null(result.Options);
        return error;
    }

    /// <summary>Canonical JSON of a model, for comparing whole models (the records hold lists, compared by reference).</summary>
    public static string Canonical(VrrpdOptions options) =>
        System.Text.Json.JsonSerializer.Serialize(options, VrrpdJsonContext.Default.VrrpdOptions);

    /// <summary>A minimal valid instance block, with extra lines inserted before the closing brace.</summary>
    public static string Instance(string extra = "", string name = "VI_1", int vrid = 51, string vip = "192.0.2.10/24") => $$"""
        vrrp_instance {{name}} {
          interface eth0
          virtual_router_id {{vrid}}
          virtual_ipaddress {
            {{vip}}
          }
        {{extra}}
        }
        """;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HaKube.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"HaKube.sln not found above {AppContext.BaseDirectory}");
    }
}
