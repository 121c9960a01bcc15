using System.CommandLine;
using System.Net;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Cli;

/// <summary>
/// The command line (the contract other tools and tests rely on): <c>tcplb -f PATH</c> runs in the foreground;
/// <c>tcplb --check -f PATH</c> validates; <c>tcplb status [--json|--csv]</c>; <c>tcplb server drain|disable|enable
/// BACKEND/SERVER</c>; <c>--run-dir DIR</c> everywhere. Exit codes: 0 success (warnings alone too), 1 errors, 2 usage.
/// </summary>
internal static class TcplbCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var file = new Option<string?>("--file", "-f") { Description = "Configuration: tcplb's JSON or an haproxy.cfg (told apart by content)" };
        var check = new Option<bool>("--check", "-c") { Description = "Validate the configuration and exit: 0 valid (warnings alone too), 1 errors" };
        var runDir = new Option<string>("--run-dir")
        {
            Description = "Directory of the admin socket and pid file",
            DefaultValueFactory = _ => DaemonOptions.DefaultRunDirectory,
            Recursive = true,
        };
        var metrics = new Option<string>("--metrics")
        {
            Description = "ADDRESS:PORT of the Prometheus endpoint (GET /metrics), or 'off'",
            DefaultValueFactory = _ => $"127.0.0.1:{DaemonOptions.DefaultMetricsPort}",
        };
        var stopGrace = new Option<double>("--stop-grace")
        {
            Description = "Seconds established connections get to finish on stop before they are closed",
            DefaultValueFactory = _ => 10,
        };

        var root = new RootCommand("tcplb: a layer-4 balancer for the Kubernetes API (HAProxy-compatible configuration)")
        {
            file, check, runDir, metrics, stopGrace,
        };
        root.SetAction(async (result, _) =>
        {
            var path = result.GetValue(file);
            if (string.IsNullOrEmpty(path))
            {
                await Console.Error.WriteLineAsync("tcplb: give the configuration with -f PATH (see tcplb --help)");
                return 2;
            }

            if (result.GetValue(check))
            {
                return DaemonCommand.Check(path);
            }

            if (!TryParseMetrics(result.GetValue(metrics)!, out var endpoint))
            {
                await Console.Error.WriteLineAsync($"tcplb: --metrics '{result.GetValue(metrics)}' is not ADDRESS:PORT or 'off'");
                return 2;
            }

            return await DaemonCommand.RunAsync(new DaemonOptions
            {
                ConfigPath = Path.GetFullPath(path),
                RunDirectory = result.GetValue(runDir)!,
                MetricsEndpoint = endpoint,
                StopGrace = TimeSpan.FromSeconds(Math.Max(0, result.GetValue(stopGrace))),
            });
        });

        var json = new Option<bool>("--json") { Description = "The full status as JSON" };
        var csv = new Option<bool>("--csv") { Description = "HAProxy's 'show stat' CSV layout" };
        var status = new Command("status", "Show the running balancer's frontends, backends and servers") { json, csv };
        status.SetAction((result, cancellationToken) => StatusCommand.RunAsync(result.GetValue(runDir)!, result.GetValue(json), result.GetValue(csv), cancellationToken));
        root.Subcommands.Add(status);

        var server = new Command("server", "Change a server's state at run time, as HAProxy's 'set server BACKEND/SERVER state'");
        foreach (var (action, description) in new[]
        {
            ("drain", "No new connections; established ones stay (HAProxy state drain)"),
            ("disable", "Maintenance: no new connections, no checks; established ones stay (HAProxy state maint)"),
            ("enable", "Back in service (HAProxy state ready)"),
        })
        {
            var target = new Argument<string>("BACKEND/SERVER") { Description = "The server, as backend/server" };
            var command = new Command(action, description) { target };
            command.SetAction((result, cancellationToken) => ServerCommand.RunAsync(result.GetValue(runDir)!, action, result.GetValue(target)!, cancellationToken));
            server.Subcommands.Add(command);
        }

        root.Subcommands.Add(server);

        // The daemon handles SIGTERM/SIGINT itself (graceful drain): no forced exit from the parser's handler.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static bool TryParseMetrics(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        return text is "off" or "none" || IPEndPoint.TryParse(text, out endpoint);
    }
}
