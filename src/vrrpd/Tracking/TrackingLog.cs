using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>Source-generated log messages of the trackers (event ids 3101..3199).</summary>
internal static partial class TrackingLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "tracker {Tracker} ({Kind}) is now {State}: {Detail}")]
    public static partial void StatusChanged(ILogger logger, string tracker, TrackerKind kind, string state, string detail);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "tracker {Tracker}: reading the state of interface {Interface} failed; keeping the last known state")]
    public static partial void LinkReadFailed(ILogger logger, string tracker, string @interface, Exception exception);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "tracker {Tracker}: netlink dropped events; re-reading {Interface}")]
    public static partial void LinkOverrun(ILogger logger, string tracker, string @interface);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "tracker {Tracker}: {Path} holds no integer ({Content}); keeping the last value")]
    public static partial void FileValueInvalid(ILogger logger, string tracker, string path, string content);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "tracker {Tracker}: cannot initialise {Path}")]
    public static partial void FileInitFailed(ILogger logger, string tracker, string path, Exception exception);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "tracker {Tracker}: the directory of {Path} does not exist; the file counts as 0 and is not watched")]
    public static partial void FileDirectoryMissing(ILogger logger, string tracker, string path);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "tracker {Tracker}: tcplb's readiness stream at {Socket} is unavailable ({Reason}); retrying in {Delay} ms")]
    public static partial void BalancerUnavailable(ILogger logger, string tracker, string socket, string reason, long delay);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Warning, Message = "tracker {Tracker}: scanning processes failed")]
    public static partial void ProcessScanFailed(ILogger logger, string tracker, Exception exception);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Warning, Message = "tracker {Tracker}: the track script could not run: {Detail}")]
    public static partial void ScriptCannotRun(ILogger logger, string tracker, string detail);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Error, Message = "tracker {Tracker} failed and stopped watching")]
    public static partial void TrackerFailed(ILogger logger, string tracker, Exception exception);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "tracker {Tracker}: {Detail}; it counts once it holds for its {Which} delay of {Seconds} s")]
    public static partial void ChangeWaiting(ILogger logger, string tracker, string detail, double seconds, string which);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "tracker {Tracker}: {Detail} again within its delay; nothing changed")]
    public static partial void ChangeReverted(ILogger logger, string tracker, string detail);

    /// <summary>Logs a change of a tracker's status in one consistent form.</summary>
    public static void Changed(ILogger logger, TrackerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var state = status.IsUp ? "up" : "down";
        StatusChanged(logger, status.Name, status.Kind, status.Adjustment is { } a ? $"{state} (priority {a:+#;-#;0})" : state, status.Detail);
    }
}
