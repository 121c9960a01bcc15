using HaKube.Common.Logging;
using HaKube.Vrrpd.Daemon;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Cli;

/// <summary>`vrrpd -f PATH`: the daemon in the foreground, logging to stdout with journald priority prefixes.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(DaemonRunOptions options, bool debug)
    {
        using var loggers = LoggerFactory.Create(b => b.AddHaKubeConsole().SetMinimumLevel(debug ? LogLevel.Debug : LogLevel.Information));
        return await new VrrpDaemon(options, loggers).RunAsync();
    }
}
