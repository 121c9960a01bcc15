using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>The shipped units: valid for systemd, and hardened (systemd-analyze, offline); SystemdServiceTests runs them under a real systemd.</summary>
public sealed partial class SystemdUnitTests
{
    [Fact]
    public async Task Units_PassSystemdAnalyzeVerify()
    {
        var dir = await StageAsync();

        var (exit, output) = await RunAsync("systemd-analyze", "verify", "--man=no", Path.Combine(dir, "tcplb.service"), Path.Combine(dir, "tcplb.socket"));

        Assert.True(exit == 0 && output.Trim().Length == 0, output);
    }

    [Fact]
    public async Task Service_IsHardened_ExposureBelowTwo()
    {
        var dir = await StageAsync();

        var (exit, output) = await RunAsync("systemd-analyze", "security", "--offline=true", Path.Combine(dir, "tcplb.service"));

        Assert.Equal(0, exit);
        var exposure = double.Parse(Exposure().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure < 2.0, output);
        var unit = await File.ReadAllTextAsync(Path.Combine(dir, "tcplb.service"));
        Assert.Contains("Type=notify", unit, StringComparison.Ordinal);
        Assert.Contains("CapabilityBoundingSet=CAP_NET_BIND_SERVICE\n", unit, StringComparison.Ordinal);
        Assert.Contains("DynamicUser=yes", unit, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Overall exposure level for tcplb\.service: ([0-9.]+)")]
    private static partial Regex Exposure();

    /// <summary>The units with ExecStart pointing at the built binary (verify checks that it exists).</summary>
    private static async Task<string> StageAsync()
    {
        var source = RepoDirectory("deploy/systemd");
        var dir = Directory.CreateTempSubdirectory("hakube-units-").FullName;
        var binary = Path.Combine(AppContext.BaseDirectory, "tcplb");
        var service = (await File.ReadAllTextAsync(Path.Combine(source, "tcplb.service"))).Replace("/usr/local/bin/tcplb", binary, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(dir, "tcplb.service"), service);
        File.Copy(Path.Combine(source, "tcplb.socket"), Path.Combine(dir, "tcplb.socket"));
        return dir;
    }

    private static string RepoDirectory(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
