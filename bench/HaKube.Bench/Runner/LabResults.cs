namespace HaKube.Bench.Runner;

/// <summary>Everything the lab parts measured, written to lab.json and folded into RESULTS.md by the report step.</summary>
internal sealed class LabResults
{
    private readonly Lock _gate = new();

    public bool Quick { get; set; }

    public DateTimeOffset Started { get; set; }

    public DateTimeOffset Finished { get; set; }

    public List<Series> Series { get; init; } = [];

    public List<NotMeasured> NotMeasured { get; init; } = [];

    /// <summary>Free-text observations per part ("HAProxy: 750 of 5,000 reached a backend ...").</summary>
    public List<PartNote> Notes { get; init; } = [];

    /// <summary>The 1-minute load average sampled before each part: the machine is shared.</summary>
    public List<PartNote> Load { get; init; } = [];

    public void Add(Series series)
    {
        lock (_gate)
        {
            Series.Add(series);
        }
    }

    public void Skip(NotMeasured entry)
    {
        lock (_gate)
        {
            NotMeasured.Add(entry);
        }
    }

    public void Note(string part, string text)
    {
        lock (_gate)
        {
            Notes.Add(new PartNote(part, text));
        }
    }
}
