using System.Diagnostics;
using Tmds.Linux;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Runs track and notify scripts: without a shell (argv as Keepalived splits it), in a session and process
/// group of their own (setsid), optionally as another user (setpriv), and on timeout kills the whole group.
/// The child is always waited for, so no zombie is left. Runs never block the caller's loop.
/// </summary>
internal sealed class ScriptRunner : IScriptRunner
{
    private const int MaxMessage = 512;

    public async Task<ScriptResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, string? user = null, string? group = null,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(argv.Count);
        var psi = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null || group is not null)
        {
            // setpriv changes ids without PAM or a login shell: the script runs exactly as given.
            psi.ArgumentList.Add("setpriv");
            if (user is not null)
            {
                psi.ArgumentList.Add("--reuid=" + user);
                psi.ArgumentList.Add("--init-groups");
            }

            psi.ArgumentList.Add("--regid=" + (group ?? user));
            psi.ArgumentList.Add("--");
        }

        foreach (var arg in argv)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ScriptResult(ScriptOutcome.CannotStart, -1, $"cannot start setsid: {e.Message}");
        }

        process.StandardInput.Close();
        // Output is drained so a chatty script never blocks on a full pipe; stderr's tail explains failures.
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var stderr = ReadTailAsync(process.StandardError);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !ct.IsCancellationRequested;
            // The script is its own group leader (setsid): this reaches everything it started.
            _ = LibC.killpg(process.Id, LibC.SIGKILL);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // A grandchild that left the group may hold the pipes open: do not wait for it.
        await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var message = stderr.IsCompletedSuccessfully ? stderr.Result : "";

        if (timedOut)
        {
            return new ScriptResult(ScriptOutcome.Timeout, -1, $"timed out after {timeout.TotalSeconds:0.###} s; process group killed");
        }

        ct.ThrowIfCancellationRequested();
        var code = process.ExitCode;
        // setsid/setpriv report their own failures (exec of a missing program, unknown user) as 126/127 or 1 with a message.
        if (code is 126 or 127 || message.StartsWith("setsid:", StringComparison.Ordinal) || message.StartsWith("setpriv:", StringComparison.Ordinal))
        {
            return new ScriptResult(ScriptOutcome.CannotStart, code, message.Length > 0 ? message : $"cannot run {argv[0]}");
        }

        return new ScriptResult(code == 0 ? ScriptOutcome.Success : ScriptOutcome.Failure, code, message);
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var last = "";
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                last = line.Length > MaxMessage ? line[..MaxMessage] : line;
            }
        }

        return last;
    }
}
