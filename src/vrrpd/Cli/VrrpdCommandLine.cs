using System.CommandLine;
using HaKube.Common.Daemon;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Daemon;

namespace HaKube.Vrrpd.Cli;

/// <summary>
/// vrrpd's command line (System.CommandLine). The contract is fixed by issue 3: other tools and tests drive it.
/// <code>
/// vrrpd -f PATH [--run-dir DIR]           run in the foreground, never forking
/// vrrpd --check -f PATH                   validate; 0 when clean or warnings only
/// vrrpd status [--json] [--run-dir DIR]   ask the running daemon
/// vrrpd --release [--run-dir DIR]         remove the addresses a (dead) daemon added, resign for it
/// vrrpd maint on|off [--run-dir DIR]      resign and stay backup / resume
/// </code>
/// </summary>
internal static class VrrpdCommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Build(output, error);
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // The daemon handles SIGTERM / SIGINT itself (priority 0, addresses removed): no second handler.
            ProcessTerminationTimeout = null,
        };
        var code = await parsed.InvokeAsync(configuration);
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
    }

    internal static RootCommand Build(TextWriter output, TextWriter error)
    {
        var config = new Option<string?>("--config", "-f", "--use-file")
        {
            Description = "Configuration file: vrrpd's native JSON or a keepalived.conf (told apart by content)",
            HelpName = "PATH",
        };
        var check = new Option<bool>("--check", "-t", "--config-test") { Description = "Validate the configuration and exit (0: no errors; warnings alone exit 0)" };
        var release = new Option<bool>("--release")
        {
            Description = "For ExecStopPost: remove the addresses a stopped vrrpd added (recorded in the run directory and tagged by it), then resign "
                + "for the instances that were master when it died (send the priority-0 adverts it recorded: the backup takes over at once), then exit. "
                + "Exit 0 (a failed send is a warning), 4 when an address could not be removed (then nothing is sent) or a vrrpd still runs",
        };
        var runDir = new Option<string?>("--run-dir")
        {
            Description = $"Run directory: admin socket, pid file, records of added addresses and of resignations (default {GlobalOptions.DefaultRunDirectory}, or the configuration's)",
            HelpName = "DIR",
            Recursive = true,
        };
        var debug = new Option<bool>("--debug", "-D") { Description = "Log debug detail" };
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var mode = new Argument<string>("on|off") { Description = "on: resign with priority 0 and stay backup; off: resume" };
        mode.AcceptOnlyFromAmong("on", "off");

        var root = new RootCommand("vrrpd: VRRP (RFC 5798 / RFC 3768) for HaKube's load balancers; runs a keepalived.conf or its own JSON")
        {
            config, check, release, runDir, debug,
        };
        root.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(config);
            var dir = result.GetValue(runDir);
            if (result.GetValue(release))
            {
                return await ReleaseCommand.RunAsync(dir ?? GlobalOptions.DefaultRunDirectory, output, error, ct);
            }

            if (path is null)
            {
                await error.WriteLineAsync("vrrpd: no configuration: give -f PATH (see vrrpd --help)");
                return ExitCodes.Usage;
            }

            if (result.GetValue(check))
            {
                return CheckCommand.Run(path, output, error);
            }

            return await RunCommand.RunAsync(new DaemonRunOptions(path, dir), result.GetValue(debug));
        });

        var status = new Command("status", "Show every instance of the running daemon: state, priorities, master, trackers, counters") { json };
        status.SetAction(async (result, ct) =>
            await StatusCommand.RunAsync(result.GetValue(runDir) ?? GlobalOptions.DefaultRunDirectory, result.GetValue(json), output, error, ct));
        root.Subcommands.Add(status);

        var maint = new Command("maint", "Maintenance: 'on' resigns every instance with priority 0 and keeps it backup; 'off' resumes") { mode };
        maint.SetAction(async (result, ct) =>
            await MaintenanceCommand.RunAsync(result.GetValue(runDir) ?? GlobalOptions.DefaultRunDirectory, result.GetValue(mode) == "on", output, error, ct));
        root.Subcommands.Add(maint);
        return root;
    }

    /// <summary>The admin socket of the daemon using <paramref name="runDirectory"/>.</summary>
    internal static string AdminSocket(string runDirectory) => Path.Join(runDirectory, RunDirectory.AdminSocketName);
}
