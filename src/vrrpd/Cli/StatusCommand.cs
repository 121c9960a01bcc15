using System.Text.Json;
using HaKube.Common.Admin;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Daemon.Admin;

namespace HaKube.Vrrpd.Cli;

/// <summary>`vrrpd status [--json]`: asks the daemon on the run directory's admin socket.</summary>
internal static class StatusCommand
{
    public static readonly AdminClientOptions ClientOptions = new() { DaemonName = "vrrpd", Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<int> RunAsync(string runDirectory, bool json, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        DaemonStatus status;
        try
        {
            status = await AdminClient.RequestAsync(VrrpdCommandLine.AdminSocket(runDirectory), AdminCommands.Status, VrrpdAdminJsonContext.Default.DaemonStatus, ClientOptions, ct);
        }
        catch (AdminClientException e)
        {
            await error.WriteLineAsync("vrrpd status: " + e.Message);
            return e.Kind is AdminErrorKind.NotRunning ? ExitCodes.NotRunning : ExitCodes.StartupError;
        }

        var info = VrrpdAdminJsonContext.Default.DaemonStatus;
        await output.WriteLineAsync(json ? JsonSerializer.Serialize(status, info) : StatusText.Format(status));
        return ExitCodes.Success;
    }
}
