using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Logging;

/// <summary>The targets of one frontend, backend or of the global section, each with the destination it sends to.</summary>
internal sealed class LogRoute
{
    public LogRoute(IReadOnlyList<(LogTargetOptions Target, LogSink Sink)> targets)
    {
        Targets = targets;
        MostVerbose = targets.Count == 0 ? null : targets.Max(t => t.Target.MaxLevel);
    }

    public IReadOnlyList<(LogTargetOptions Target, LogSink Sink)> Targets { get; }

    /// <summary>The most verbose level any target takes; null = none.</summary>
    public SyslogLevel? MostVerbose { get; }

    /// <summary>Some target takes lines of <paramref name="level"/> (checked before a line is even formatted).</summary>
    public bool Takes(SyslogLevel level) => MostVerbose is { } most && level <= most;
}
