using Microsoft.Extensions.Logging;

namespace HaKube.Tcplb.Checks;

internal sealed partial class HealthCheckService
{
    /// <summary>Event ids 2101-2199: tcplb health checks.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "health checks started: {Checked} checked servers in {Backends} backends")]
        public static partial void Started(ILogger logger, int @checked, int backends);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "check {Backend}/{Server}: {Result}")]
        public static partial void CheckResult(ILogger logger, string backend, string server, ProbeResult result);

        [LoggerMessage(EventId = 2107, Level = LogLevel.Error, Message = "probe of {Backend}/{Server} threw (a bug); counted as a failed check")]
        public static partial void ProbeFaulted(ILogger logger, string backend, string server, Exception exception);

        [LoggerMessage(EventId = 2109, Level = LogLevel.Information, Message = "health checks stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
