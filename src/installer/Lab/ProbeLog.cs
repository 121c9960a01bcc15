using System.Text.Json;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>The probe records a running hakube-probe printed so far, parsed once each.</summary>
internal sealed class ProbeLog(LabProcess probe)
{
    private readonly List<ProbeRecord> _records = [];
    private int _seen;

    /// <summary>Every probe record so far, in output order.</summary>
    public IReadOnlyList<ProbeRecord> Records
    {
        get
        {
            var lines = probe.Output;
            for (; _seen < lines.Count; _seen++)
            {
                var line = lines[_seen];
                if (line.IsError || !line.Text.StartsWith("{\"t\":", StringComparison.Ordinal))
                {
                    continue;
                }

                try
                {
                    if (JsonSerializer.Deserialize(line.Text, LabJsonContext.Default.ProbeRecord) is { Kind: not null } record)
                    {
                        _records.Add(record);
                    }
                }
                catch (JsonException)
                {
                    // A line cut short when the probe was stopped.
                }
            }

            return _records;
        }
    }
}
