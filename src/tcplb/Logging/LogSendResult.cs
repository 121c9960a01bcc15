namespace HaKube.Tcplb.Logging;

/// <summary>What became of one line sent to one destination.</summary>
internal enum LogSendResult
{
    Sent,

    /// <summary>The destination's buffer was full (EAGAIN): the line is dropped rather than waited for, as HAProxy does.</summary>
    Dropped,

    /// <summary>The destination is unreachable (no /dev/log, no route, name not resolved): the line is lost; retried later.</summary>
    Failed,
}
