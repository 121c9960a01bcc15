namespace HaKube.Installer.Lab;

/// <summary>
/// What one kind of client saw during a failover. Times are milliseconds after the fault, by
/// the start time of the probe; null when it did not happen.
/// </summary>
internal sealed record ProbeSummary
{
    public required string Kind { get; init; }
    public required int Total { get; init; }
    public required int Failed { get; init; }
    /// <summary>Failures of probes started before the fault (in flight when the balancer died).</summary>
    public int InFlightFailed { get; init; }

    /// <summary>Failures of probes started after the fault: for an apiserver kill, those that failed while the server was down.</summary>
    public int FailedAfterFault => Failed - InFlightFailed;

    /// <summary>The first probe started after the fault that failed.</summary>
    public double? FirstFailedMs { get; init; }
    public double? LastFailedMs { get; init; }

    /// <summary>The first success after the first failure: how long clients saw no service.</summary>
    public double? FirstSuccessAfterFailureMs { get; init; }

    /// <summary>The first success after the last failure: from here on, every probe passed.</summary>
    public double? RecoveredMs { get; init; }

    /// <summary>First failure to first success after it.</summary>
    public double? NoServiceMs => FirstFailedMs is { } f && FirstSuccessAfterFailureMs is { } s ? s - f : null;

    /// <summary>
    /// What clients saw as an outage: the first probe started after the fault that failed, to the first success
    /// after the last failure; 0 when no probe failed after the fault. With intermittent failures (one apiserver of
    /// three down) it is the span from the first to the last failure.
    /// </summary>
    public double? DisruptionMs => FirstFailedMs is { } f ? RecoveredMs is { } r ? r - f : null : 0;

    /// <summary>Failures by error (connection refused, timeout, ...).</summary>
    public IReadOnlyDictionary<string, int> Errors { get; init; } = new Dictionary<string, int>();

    /// <summary>True when probes passed after the last failure (or never failed).</summary>
    public bool Recovered => Failed == 0 || RecoveredMs is not null;
}
