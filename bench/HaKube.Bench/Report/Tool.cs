using System.Diagnostics;

namespace HaKube.Bench.Report;

/// <summary>Runs a local tool for its version line (in the root namespace; none of these touch the network).</summary>
internal static class Tool
{
    /// <summary>The first line the tool printed (stdout or stderr), or "not installed".</summary>
    public static async Task<string> FirstLineAsync(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var stdout = p.StandardOutput.ReadToEndAsync(bound.Token);
            var stderr = p.StandardError.ReadToEndAsync(bound.Token);
            await p.WaitForExitAsync(bound.Token);
            var text = (await stdout) + (await stderr);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no output)";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return $"not available ({e.Message})";
        }
    }
}
