using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Notify;

/// <summary>Source-generated log messages of notify scripts (event ids 3201..3299).</summary>
internal static partial class NotifyLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "{Keyword} for {Subject} {Name} ({State}) failed: {Outcome}, exit code {ExitCode}: {Detail}")]
    public static partial void Failed(ILogger logger, string keyword, string subject, string name, string state, string outcome, int exitCode, string detail);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "{Keyword} for {Subject} {Name} ({State}) ran")]
    public static partial void Ran(ILogger logger, string keyword, string subject, string name, string state);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Error, Message = "{Keyword} for {Subject} {Name} ({State}) could not be run")]
    public static partial void Crashed(ILogger logger, string keyword, string subject, string name, string state, Exception exception);
}
