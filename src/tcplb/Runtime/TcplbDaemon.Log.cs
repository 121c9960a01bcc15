using Microsoft.Extensions.Logging;

namespace HaKube.Tcplb.Runtime;

/// <summary>The daemon's log messages (event ids 500-549).</summary>
internal sealed partial class TcplbDaemon
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Critical, Message = "tcplb cannot start: {Reason}")]
        public static partial void StartFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "tcplb {Pid} serving {Config} on {Listen} ({Inherited} sockets from systemd)")]
        public static partial void Started(ILogger logger, int pid, string config, string listen, int inherited);

        [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "stopping ({Reason}): listeners closed, {Active} connections get up to {GraceSeconds} s to finish")]
        public static partial void Stopping(ILogger logger, string reason, double graceSeconds, int active);

        [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "stopped; {Closed} connections were still open and were closed")]
        public static partial void Stopped(ILogger logger, int closed);

        [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "pidfile {Path} is not writable ({Reason}); the pid is in {RunPidFile}")]
        public static partial void PidFileNotWritable(ILogger logger, string path, string reason, string runPidFile);

        [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "no global maxconn: set to {MaxConn} from the open-files limit {OpenFiles} (as HAProxy does); frontends without maxconn take it too")]
        public static partial void MaxConnDerived(ILogger logger, int maxConn, ulong openFiles);

        [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "reload ({Source}): reading {Config}")]
        public static partial void Reloading(ILogger logger, string source, string config);

        [LoggerMessage(EventId = 511, Level = LogLevel.Error, Message = "{Diagnostic}")]
        public static partial void ConfigError(ILogger logger, string diagnostic);

        [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "{Diagnostic}")]
        public static partial void ConfigWarning(ILogger logger, string diagnostic);

        [LoggerMessage(EventId = 513, Level = LogLevel.Error, Message = "reload rejected ({Errors} errors in {What}); the running configuration stays in force")]
        public static partial void ReloadRejected(ILogger logger, int errors, string what);

        [LoggerMessage(EventId = 514, Level = LogLevel.Information, Message = "reloaded {Config}: {Frontends} frontends, {Backends} backends; established connections kept")]
        public static partial void Reloaded(ILogger logger, string config, int frontends, int backends);

        [LoggerMessage(EventId = 515, Level = LogLevel.Error, Message = "reload: a new bind failed: {Reason}")]
        public static partial void ReloadListenFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 520, Level = LogLevel.Information, Message = "server {Backend}/{Server} is UP; {Healthy}/{Total} servers up")]
        public static partial void ServerUp(ILogger logger, string backend, string server, int healthy, int total);

        [LoggerMessage(EventId = 521, Level = LogLevel.Warning, Message = "server {Backend}/{Server} is DOWN by {Cause}: {Detail}; {Healthy}/{Total} servers up; its established sessions are {Sessions}")]
        public static partial void ServerDown(ILogger logger, string backend, string server, string cause, string detail, int healthy, int total, string sessions);

        [LoggerMessage(EventId = 522, Level = LogLevel.Warning, Message = "server {Backend}/{Server} set from {Previous} to {State} by the operator")]
        public static partial void AdminChanged(ILogger logger, string backend, string server, string previous, string state);

        [LoggerMessage(EventId = 523, Level = LogLevel.Warning, Message = "server {Backend}/{Server}: closed {Closed} established sessions (down by checks, grace over)")]
        public static partial void SessionsClosed(ILogger logger, string backend, string server, int closed);
    }
}
