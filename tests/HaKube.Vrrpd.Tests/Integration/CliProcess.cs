using System.Diagnostics;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>Runs programs outside any lab: vrrpd commands that touch no network (--check, status), systemd-analyze.</summary>
internal static class CliProcess
{
    /// <summary>Runs the vrrpd binary with <paramref name="args"/>.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunProgramAsync(Vrrpd.Command(args));

    public static async Task<(int ExitCode, string Output, string Error)> RunProgramAsync(IReadOnlyList<string> argv)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {argv[0]}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Bounds.Cli);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
