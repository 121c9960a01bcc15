using System.Globalization;
using System.Text;

namespace HaKube.LabTools.Probe;

/// <summary>Writes one JSON line per probe to stdout, flushed at once so a reader sees each as it happens.</summary>
internal sealed class ProbeOutput(TextWriter writer)
{
    private readonly Lock _gate = new();
    private int _ok;
    private int _failed;

    public void Event(string name)
    {
        lock (_gate)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{{\"event\":\"{name}\",\"t\":{Now()},\"ok\":{_ok},\"failed\":{_failed}}}\n"));
            writer.Flush();
        }
    }

    public void Probe(DateTimeOffset startedAt, ProbeKind kind, string? error, TimeSpan took)
    {
        var sb = new StringBuilder(96);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"t\":{Unix(startedAt)},\"kind\":\"{(kind == ProbeKind.Tcp ? "tcp" : "tls")}\",\"ok\":{(error is null ? "true" : "false")},\"ms\":{took.TotalMilliseconds:0.###}");
        if (error is not null)
        {
            sb.Append(",\"error\":\"").Append(error.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal)).Append('"');
        }

        sb.Append("}\n");
        lock (_gate)
        {
            if (error is null)
            {
                _ok++;
            }
            else
            {
                _failed++;
            }

            writer.Write(sb.ToString());
            writer.Flush();
        }
    }

    private static string Now() => Unix(DateTimeOffset.UtcNow);

    private static string Unix(DateTimeOffset t) => (t.UtcTicks / (double)TimeSpan.TicksPerMillisecond - 62_135_596_800_000d).ToString("0.###", CultureInfo.InvariantCulture);
}
