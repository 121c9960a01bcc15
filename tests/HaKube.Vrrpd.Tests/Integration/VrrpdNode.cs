using System.Globalization;
using System.Net;
using HaKube.Common.Admin;
using HaKube.NetLab;
using HaKube.Vrrpd.Daemon.Admin;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>A lab host running the real vrrpd with a run directory of its own, and a "balancer" process its track script follows.</summary>
internal sealed class VrrpdNode
{
    private static readonly AdminClientOptions Client = new() { DaemonName = "vrrpd", Timeout = TimeSpan.FromSeconds(5) };

    public VrrpdNode(LabHost host)
    {
        Host = host;
        RunDirectory = Path.Combine(host.DataDirectory, "run");
        ConfigPath = Path.Combine(host.DataDirectory, "keepalived.conf");
        PidFile = Path.Combine(host.DataDirectory, "balancer.pid");
        CheckScript = Path.Combine(host.DataDirectory, "check-balancer.sh");
    }

    public LabHost Host { get; }

    public string Name => Host.Name;

    public string RunDirectory { get; }

    public string ConfigPath { get; }

    public string PidFile { get; }

    public string CheckScript { get; }

    /// <summary>The track script line: succeeds while the pid in <see cref="PidFile"/> runs (a zombie does not count).</summary>
    public string TrackScriptLine => $"{CheckScript} {PidFile}";

    public LabProcess? Daemon { get; private set; }

    public LabProcess? Balancer { get; private set; }

    /// <summary>Writes the pidfile check the track script runs (instead of the guide's killall, which sees every namespace).</summary>
    public async Task WriteCheckScriptAsync()
    {
        await File.WriteAllTextAsync(CheckScript, """
            #!/bin/sh
            pid=$(cat "$1" 2>/dev/null) || exit 1
            [ -n "$pid" ] || exit 1
            state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)
            [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(CheckScript, (UnixFileMode)0b111_101_101);
        }
    }

    /// <summary>Starts the stand-in balancer and writes its pidfile.</summary>
    public async Task StartBalancerAsync()
    {
        Balancer = Host.Start(["sleep", "infinity"]);
        await File.WriteAllTextAsync(PidFile, Balancer.Pid.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    public Task WriteConfigAsync(string text) => File.WriteAllTextAsync(ConfigPath, text);

    /// <summary>Starts vrrpd -f CONFIG --run-dir DIR and waits until it says it started.</summary>
    public async Task<LabProcess> StartDaemonAsync(IReadOnlyDictionary<string, string>? environment = null, string? binary = null)
    {
        string[] args = ["-f", ConfigPath, "--run-dir", RunDirectory];
        Daemon = Host.Start(binary is null ? Vrrpd.Command(args) : [binary, .. args], environment);
        await Daemon.WaitForOutputAsync(l => l.Contains("vrrpd started", StringComparison.Ordinal), Bounds.Start);
        return Daemon;
    }

    /// <summary>Runs the vrrpd CLI inside the host (status, maint, --release, --check).</summary>
    public Task<CommandResult> CliAsync(params string[] args) => Host.RunAsync(Vrrpd.Command(args), timeout: Bounds.Cli);

    /// <summary>The daemon's status through its admin socket (a path on disk, so reachable from the test process).</summary>
    public Task<DaemonStatus> StatusAsync() =>
        AdminClient.RequestAsync(Path.Combine(RunDirectory, "admin.sock"), AdminCommands.Status, VrrpdAdminJsonContext.Default.DaemonStatus, Client);

    public async Task<string> StateAsync() => (await StatusAsync()).Instances.Single().State;

    public Task<bool> HoldsAsync(IPAddress vip) => Host.HasAddressAsync(vip);
}
