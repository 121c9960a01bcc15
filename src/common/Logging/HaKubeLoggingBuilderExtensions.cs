using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace HaKube.Common.Logging;

/// <summary>Logging set-up shared by the daemons.</summary>
public static class HaKubeLoggingBuilderExtensions
{
    /// <summary>
    /// Logs to stdout, one line per event with its journald priority prefix ("&lt;4&gt;Category[7]: text"), no colours;
    /// what systemd's journal expects from a service's stdout.
    /// </summary>
    public static ILoggingBuilder AddHaKubeConsole(this ILoggingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddConsole(options =>
        {
            options.FormatterName = JournalConsoleFormatter.FormatterName;
            options.LogToStandardErrorThreshold = LogLevel.None;
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, JournalConsoleFormatter>());
        return builder;
    }
}
