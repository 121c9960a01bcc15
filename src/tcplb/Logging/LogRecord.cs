using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Logging;

/// <summary>
/// One line to send: a closed connection (formatted as a tcplog line by the writer, off the data plane) or a message.
/// <see cref="Route"/> null = the journal (stdout through the logger), where connection lines go when no target is set.
/// </summary>
internal readonly record struct LogRecord(LogRoute? Route, SyslogLevel Level, ConnectionLogEntry? Entry, string? Text);
