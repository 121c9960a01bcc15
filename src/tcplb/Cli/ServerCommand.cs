using HaKube.Common.Admin;
using HaKube.Common.Daemon;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Cli;

/// <summary><c>tcplb server drain|disable|enable BACKEND/SERVER</c> (HAProxy's <c>set server ... state</c>), without a reload.</summary>
internal static class ServerCommand
{
    public static async Task<int> RunAsync(string runDirectory, string action, string target, CancellationToken cancellationToken)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == target.Length - 1)
        {
            await Console.Error.WriteLineAsync($"tcplb server {action}: '{target}' is not BACKEND/SERVER (see tcplb status)");
            return 2;
        }

        var args = new ServerCommandArgs { Action = action, Backend = target[..slash], Server = target[(slash + 1)..] };
        try
        {
            var result = await AdminClient.RequestAsync(
                Path.Join(runDirectory, RunDirectory.AdminSocketName),
                "server",
                args,
                TcplbJsonContext.Default.ServerCommandArgs,
                TcplbJsonContext.Default.ServerCommandResult,
                new AdminClientOptions { DaemonName = "tcplb" },
                cancellationToken);
            await Console.Out.WriteLineAsync($"{result.Backend}/{result.Server}: {result.Previous} -> {result.Admin}");
            return 0;
        }
        catch (AdminClientException e)
        {
            await Console.Error.WriteLineAsync($"tcplb server {action}: {e.Message}");
            return 1;
        }
    }
}
