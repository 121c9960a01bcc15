using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Logging;

/// <summary>
/// The targets of one frontend, backend or of the global section, each with the destination it sends to, and the
/// header its lines carry. Each target counts the lines it took, for <c>sample</c>; only the log writer touches the counts.
/// </summary>
internal sealed class LogRoute
{
    private readonly long[] _taken;

    public LogRoute(IReadOnlyList<(LogTargetOptions Target, LogSink Sink)> targets, LogHeader? header = null)
    {
        Targets = targets;
        Header = header ?? LogHeader.Default;
        MostVerbose = targets.Count == 0 ? null : targets.Max(t => t.Target.MaxLevel);
        _taken = new long[targets.Count];
    }

    public IReadOnlyList<(LogTargetOptions Target, LogSink Sink)> Targets { get; }

    public LogHeader Header { get; }

    /// <summary>The most verbose level any target takes; null = none.</summary>
    public SyslogLevel? MostVerbose { get; }

    /// <summary>Some target takes lines of <paramref name="level"/> (checked before a line is even formatted).</summary>
    public bool Takes(SyslogLevel level) => MostVerbose is { } most && level <= most;

    /// <summary>Counts a line target <paramref name="index"/> would take; false when its <c>sample</c> leaves this one out.</summary>
    public bool Sampled(int index)
        => Targets[index].Target.Sample is not { } sample || sample.Takes(_taken[index]++);
}
