using Microsoft.Extensions.Logging;

namespace HaKube.Tcplb.Cli;

/// <summary>Messages logged by the command line before the daemon runs (event ids 550-559).</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 550, Level = LogLevel.Warning, Message = "{Diagnostic}")]
    public static partial void ConfigWarning(ILogger logger, string diagnostic);
}
