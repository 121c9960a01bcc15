using System.Globalization;
using HaKube.NetLab;

namespace HaKube.Bench.Fixtures;

/// <summary>A daemon under test exited while the lab waited for it: the reason a measurement is "not measured".</summary>
internal sealed class DaemonExitedException : Exception
{
    public DaemonExitedException(LabProcess process)
        : base(Describe(process))
    {
    }

    public DaemonExitedException()
    {
    }

    public DaemonExitedException(string message)
        : base(message)
    {
    }

    public DaemonExitedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    private static string Describe(LabProcess process)
    {
        var code = process.ExitCode is { } c ? c.ToString(CultureInfo.InvariantCulture) : "unknown";
        var lines = process.Output.Select(l => l.Text).Where(l => l.Length > 0).TakeLast(3).ToArray();
        var tail = lines.Length == 0 ? "it printed nothing" : "last output: " + string.Join(" | ", lines);
        // The program's name, not its whole command line: the lab's scratch paths say nothing to a reader.
        var program = Path.GetFileName(process.CommandLine.Split(' ')[0].Trim('\''));
        return $"{program} exited at once with code {code} ({tail})";
    }
}
