using System.Diagnostics;
using System.Text;

namespace HaKube.NetLab;

/// <summary>Runs a program to completion and captures its output (the thin adapter under every lab operation).</summary>
internal static class Cmd
{
    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    internal static async Task<CommandResult> RunAsync(
        IReadOnlyList<string> argv, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        for (var i = 1; i < argv.Count; i++)
        {
            psi.ArgumentList.Add(argv[i]);
        }

        var commandLine = string.Join(' ', argv.Select(Quote));
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"cannot start '{commandLine}': {e.Message}", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        // One bound for all of it: feeding stdin (a child that never reads would block the write), the exit, and the
        // output (a background grandchild may hold the pipes open).
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await FeedAsync(process, stdin, cts.Token);
            await process.WaitForExitAsync(cts.Token);
            return new CommandResult(commandLine, process.ExitCode, await stdout.WaitAsync(cts.Token), await stderr.WaitAsync(cts.Token));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            throw new LabException($"'{commandLine}' did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s");
        }
    }

    /// <summary>Writes <paramref name="stdin"/> and closes the pipe; a child that exits without reading it is left to its exit code and stderr.</summary>
    private static async Task FeedAsync(Process process, string? stdin, CancellationToken ct)
    {
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), ct);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // EPIPE: the child closed its stdin first.
        }
    }

    /// <summary>As <see cref="RunAsync"/>, and a non-zero exit is a <see cref="LabException"/> carrying the command line and its stderr.</summary>
    internal static async Task<CommandResult> RunCheckedAsync(
        IReadOnlyList<string> argv, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default)
        => (await RunAsync(argv, stdin, timeout, ct)).EnsureSuccess();

    /// <summary>The argv that, run behind <paramref name="enter"/>, writes <paramref name="path"/> (stdin) with <paramref name="mode"/>, parent directories created.</summary>
    internal static IReadOnlyList<string> WriteFile(IReadOnlyList<string> enter, string path, string mode)
        => [.. enter, "sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && cat > \"$1\" && chmod \"$2\" \"$1\"", "write", path, mode];

    internal static string Quote(string arg)
    {
        if (arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c)))
        {
            return arg;
        }

        var sb = new StringBuilder("'");
        sb.Append(arg.Replace("'", "'\\''", StringComparison.Ordinal));
        return sb.Append('\'').ToString();
    }
}
