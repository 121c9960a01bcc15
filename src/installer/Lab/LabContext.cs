using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>What every part of a running lab needs to know: the binaries, the lab CA, and how to report progress.</summary>
internal sealed record LabContext(LabBinaries Binaries, string CaFile, string CaPem, Action<string> Progress)
{
    /// <summary>Bound on a daemon becoming ready.</summary>
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);

    /// <summary>Waits until <paramref name="ready"/> holds, failing at once (with its output) if <paramref name="process"/> exits first.</summary>
    public static async Task WaitReadyAsync(LabProcess process, string what, Func<CancellationToken, Task<bool>> ready, CancellationToken ct)
    {
        try
        {
            await Wait.UntilAsync(async c => process.HasExited ? throw new LabCommandException(Exited(process, what)) : await ready(c), StartBound, what, ct);
        }
        catch (TimeoutException e)
        {
            throw new LabCommandException($"{e.Message}; its output:\n{Tail(process)}", e);
        }
    }

    public static string Exited(LabProcess process, string what)
        => $"{what}: '{process.CommandLine}' (pid {process.Pid}) on {process.Host} exited{(process.ExitCode is { } c ? $" with code {c}" : "")} before it was ready; its output:\n{Tail(process)}";

    public static string Tail(LabProcess process)
    {
        var lines = process.Output;
        return lines.Count == 0 ? "  (nothing)" : string.Join('\n', lines.Skip(Math.Max(0, lines.Count - 20)).Select(l => "  " + l.Text));
    }
}
