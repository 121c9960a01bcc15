using System.Text.Json;
using HaKube.Common.Admin;
using HaKube.Common.Daemon;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Cli;

/// <summary><c>tcplb status [--json|--csv]</c>: asks the running balancer over its admin socket.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(string runDirectory, bool json, bool csv, CancellationToken cancellationToken)
    {
        if (json && csv)
        {
            await Console.Error.WriteLineAsync("tcplb status: choose one of --json and --csv");
            return 2;
        }

        var socket = Path.Join(runDirectory, RunDirectory.AdminSocketName);
        var client = new AdminClientOptions { DaemonName = "tcplb" };
        try
        {
            if (json)
            {
                var raw = await AdminClient.RequestAsync(socket, "status", null, client, cancellationToken);
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(raw, TcplbCliJsonContext.Default.JsonElement));
                return 0;
            }

            var report = await AdminClient.RequestAsync(socket, "status", TcplbJsonContext.Default.StatusReport, client, cancellationToken);
            await Console.Out.WriteAsync(csv ? ShowStatCsv.Format(report) : StatusText.Format(report));
            return 0;
        }
        catch (AdminClientException e)
        {
            await Console.Error.WriteLineAsync($"tcplb status: {e.Message}");
            return 1;
        }
    }
}
