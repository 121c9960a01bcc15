using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace HaKube.Common.Logging;

/// <summary>
/// One line per event for journald: "&lt;6&gt;Category[42]: message", the sd-daemon(3) priority first, no colours,
/// no timestamp (journald adds one). Continuation lines (multi-line messages, exception stack traces) repeat the
/// prefix, so every stdout line stands alone with the right priority and grep finds all of an event's lines.
/// </summary>
internal sealed class JournalConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "hakube-journal";

    public JournalConsoleFormatter()
        : base(FormatterName)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var prefix = Prefix(logEntry.LogLevel, logEntry.Category, logEntry.EventId.Id);
        var messageLines = message.AsSpan().EnumerateLines();
        var exceptionLines = (logEntry.Exception?.ToString() ?? "").AsSpan().EnumerateLines();
        var hasMessage = messageLines.MoveNext() && !messageLines.Current.IsEmpty;
        var hasException = logEntry.Exception is not null && exceptionLines.MoveNext();

        // The event line: the message's first line, then the exception's first line ("System.IO.IOException: text")
        // folded onto it, so a reader of single lines still sees what failed.
        textWriter.Write(prefix);
        if (hasMessage)
        {
            textWriter.Write(messageLines.Current.TrimEnd());
        }

        if (hasException)
        {
            textWriter.Write(hasMessage ? " | " : "");
            textWriter.Write(exceptionLines.Current.TrimEnd());
        }

        textWriter.Write('\n');
        while (hasMessage && messageLines.MoveNext())
        {
            WriteContinuation(textWriter, prefix, messageLines.Current);
        }

        while (hasException && exceptionLines.MoveNext())
        {
            WriteContinuation(textWriter, prefix, exceptionLines.Current);
        }
    }

    /// <summary>sd-daemon(3) priority prefix: syslog levels, as journald reads them from a stream.</summary>
    internal static string Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => "<2>",
        LogLevel.Error => "<3>",
        LogLevel.Warning => "<4>",
        LogLevel.Information => "<6>",
        _ => "<7>",
    };

    /// <summary>The last segment of a type-like category: "HaKube.Vrrpd.Instance&lt;X.Y&gt;" → "Instance&lt;X.Y&gt;".</summary>
    internal static string ShortCategory(string category)
    {
        var generic = category.IndexOf('<', StringComparison.Ordinal);
        var head = generic < 0 ? category.AsSpan() : category.AsSpan(0, generic);
        var dot = head.LastIndexOf('.');
        return dot < 0 || dot == category.Length - 1 ? category : category[(dot + 1)..];
    }

    private static string Prefix(LogLevel level, string category, int eventId) =>
        eventId == 0 ? $"{Priority(level)}{ShortCategory(category)}: " : $"{Priority(level)}{ShortCategory(category)}[{eventId}]: ";

    private static void WriteContinuation(TextWriter writer, string prefix, ReadOnlySpan<char> text)
    {
        writer.Write(prefix);
        writer.Write("  ");
        writer.Write(text.TrimEnd());
        writer.Write('\n');
    }
}
