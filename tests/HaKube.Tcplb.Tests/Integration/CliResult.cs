using System.Diagnostics;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>One run of the tcplb command line (dotnet tcplb.dll) from the test machine.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<CliResult> RunAsync(string runDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in TcplbProcess.Command([.. args, "--run-dir", runDirectory]))
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.RemoveAt(0);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(bound.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
