using HaKube.Common.Admin;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Daemon.Admin;

namespace HaKube.Vrrpd.Cli;

/// <summary>`vrrpd maint on|off`: maintenance without editing files.</summary>
internal static class MaintenanceCommand
{
    public static async Task<int> RunAsync(string runDirectory, bool on, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        MaintenanceReply reply;
        try
        {
            reply = await AdminClient.RequestAsync(
                VrrpdCommandLine.AdminSocket(runDirectory),
                AdminCommands.Maintenance,
                new MaintenanceRequest(on),
                VrrpdAdminJsonContext.Default.MaintenanceRequest,
                VrrpdAdminJsonContext.Default.MaintenanceReply,
                StatusCommand.ClientOptions,
                ct);
        }
        catch (AdminClientException e)
        {
            await error.WriteLineAsync("vrrpd maint: " + e.Message);
            return e.Kind is AdminErrorKind.NotRunning ? ExitCodes.NotRunning : ExitCodes.StartupError;
        }

        await output.WriteLineAsync($"maintenance {(reply.Maintenance ? "on" : "off")}: " + string.Join(", ", reply.States.Select(kv => $"{kv.Key} {kv.Value}")));
        return ExitCodes.Success;
    }
}
