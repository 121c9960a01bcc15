namespace HaKube.Installer.Lab;

/// <summary>One line of hakube-probe's output: a probe (kind set) or an event ("started", "done").</summary>
internal sealed record ProbeRecord
{
    /// <summary>When the probe started (or the event happened), Unix time in milliseconds.</summary>
    public double T { get; init; }
    public string? Kind { get; init; }
    public bool Ok { get; init; }

    /// <summary>How long the probe took.</summary>
    public double Ms { get; init; }
    public string? Error { get; init; }
    public string? Event { get; init; }

    public DateTimeOffset StartedAt => DateTimeOffset.FromUnixTimeMilliseconds(0).AddMilliseconds(T);
}
