using HaKube.Tcplb.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Tcplb.Logging;

/// <summary>
/// Sends tcplb's own events (servers up and down, operator changes, reloads, warnings and errors) to the log targets, as
/// HAProxy sends its notices and alerts; the journal console gets them as before. An event naming a backend goes to that
/// backend's targets, the others to the global ones; stdout and stderr targets are skipped (the console writes there).
/// </summary>
internal sealed class SyslogLoggerProvider(LogQueue queue) : ILoggerProvider
{
    private volatile LogRouting? _routing;

    /// <summary>Routes events by <paramref name="options"/> (at start and after each reload).</summary>
    public void Route(TcplbOptions options) => _routing = new LogRouting(options, queue);

    public ILogger CreateLogger(string categoryName)
        => categoryName.StartsWith("HaKube.Tcplb.", StringComparison.Ordinal) && categoryName is not (LogQueue.ConnectionsCategory or LogQueue.Category)
            ? new Logger(this)
            : NullLogger.Instance;

    public void Dispose()
    {
    }

    /// <summary>HAProxy's levels for its own messages: notices for what goes well, alert for a server going down.</summary>
    internal static SyslogLevel Level(LogLevel level, EventId eventId) => level switch
    {
        _ when eventId.Id == ServerDownEventId => SyslogLevel.Alert,
        LogLevel.Critical => SyslogLevel.Crit,
        LogLevel.Error => SyslogLevel.Err,
        LogLevel.Warning => SyslogLevel.Warning,
        LogLevel.Information => SyslogLevel.Notice,
        _ => SyslogLevel.Debug,
    };

    /// <summary>TcplbDaemon's "server … is DOWN" (HAProxy logs it at alert).</summary>
    private const int ServerDownEventId = 521;

    private void Forward<TState>(LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (_routing is not { } routing)
        {
            return;
        }

        string? backend = null;
        if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            foreach (var (key, value) in fields)
            {
                if (key == "Backend" && value is string name)
                {
                    backend = name;
                    break;
                }
            }
        }

        var route = routing.For(backend);
        var syslogLevel = Level(level, eventId);
        if (!route.Takes(syslogLevel))
        {
            return;
        }

        var text = formatter(state, exception);
        if (exception is not null)
        {
            text = $"{text} | {exception.GetType().Name}: {exception.Message}";
        }

        queue.TryWrite(new LogRecord(route, syslogLevel, null, text));
    }

    private sealed class Logger(SyslogLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Forward(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
