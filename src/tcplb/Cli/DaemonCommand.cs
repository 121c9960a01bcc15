using HaKube.Common.Configuration;
using HaKube.Common.Logging;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Logging;
using HaKube.Tcplb.Runtime;
using Microsoft.Extensions.Logging;

namespace HaKube.Tcplb.Cli;

/// <summary><c>tcplb -f PATH</c> and <c>tcplb --check -f PATH</c>.</summary>
internal static class DaemonCommand
{
    /// <summary>Prints every finding as FILE:LINE: error|warning: FIELD: MESSAGE; 0 when there is no error.</summary>
    public static int Check(string path)
    {
        var result = ConfigLoader.Load(path);
        foreach (var d in result.Diagnostics)
        {
            Console.Error.WriteLine(d.ToString());
        }

        if (!result.Succeeded)
        {
            var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
            Console.Error.WriteLine($"{path}: {errors} error(s): configuration not valid");
            return 1;
        }

        foreach (var note in ConfigNotes.For(result.Options!))
        {
            Console.Error.WriteLine(note);
        }

        Console.Out.WriteLine($"{path}: configuration valid ({(result.Options!.Format == ConfigFormat.Native ? "tcplb JSON" : "haproxy.cfg")})");
        return 0;
    }

    /// <summary>Runs the daemon in the foreground (never forks) until SIGTERM or SIGINT.</summary>
    public static async Task<int> RunAsync(DaemonOptions options)
    {
        var result = ConfigLoader.Load(options.ConfigPath);
        if (!result.Succeeded)
        {
            foreach (var d in result.Diagnostics)
            {
                Console.Error.WriteLine(d.ToString());
            }

            Console.Error.WriteLine($"tcplb: {options.ConfigPath} has errors; not starting (check it with tcplb --check -f {options.ConfigPath})");
            return 1;
        }

        var level = ToLogLevel(result.Options!.Global.LogLevel);
        var logs = new LogQueue(TimeProvider.System);
        var events = new SyslogLoggerProvider(logs);
        using var loggers = LoggerFactory.Create(b => b.AddHaKubeConsole().AddProvider(events).SetMinimumLevel(level));
        try
        {
            logs.Start(loggers);
            events.Route(result.Options);
            var logger = loggers.CreateLogger("HaKube.Tcplb.Config");
            foreach (var d in result.Diagnostics)
            {
                ConfigWarning(logger, d.ToString());
            }

            await using var daemon = new TcplbDaemon(options, loggers, logs, events);
            return await daemon.RunAsync(result.Options);
        }
        finally
        {
            // Every queued line out before the console logger stops.
            await logs.DisposeAsync();
        }
    }

    /// <summary>HAProxy's (syslog) level of the configuration as the logger's minimum.</summary>
    internal static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emerg or SyslogLevel.Alert or SyslogLevel.Crit => LogLevel.Critical,
        SyslogLevel.Err => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    private static void ConfigWarning(ILogger logger, string diagnostic) => LogMessages.ConfigWarning(logger, diagnostic);
}
