using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// Keepalived 2.2.7 and HAProxy 2.6 from Debian with the guide's files (<see cref="GuideFiles"/>), in the
/// foreground so the lab holds their PIDs: `haproxy -db`, `keepalived -n -l -D`. Each node has private /run,
/// /etc and /var/lib, so their pid files, configurations and haproxy's chroot do not clash.
/// </summary>
internal sealed partial class ReferenceStack(LabContext context, VrrpTimers timers) : ILoadBalancerStack
{
    private const string HaproxyCfg = "/etc/haproxy/haproxy.cfg";
    private const string KeepalivedConf = "/etc/keepalived/keepalived.conf";

    /// <summary>The keepalived started last on each node (its console log tells its state and its track script's).</summary>
    private readonly ConcurrentDictionary<string, LabProcess> _keepalived = new(StringComparer.Ordinal);

    public LabMode Mode => LabMode.Reference;

    public string BalancerName => "haproxy";

    public string VrrpName => "keepalived";

    public VrrpTimers Timers => timers;

    public int VrrpVersion => timers.VersionFor(GuideFiles.KeepalivedDefaultVersion);

    /// <summary>keepalived.service has no ExecStopPost that removes a dead keepalived's VIP.</summary>
    public bool ReleasesOnExit => false;

    public IReadOnlyList<StackAction> Actions => [];

    public Task WhenIdleAsync(LabHost host, CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public async Task WriteFilesAsync(LabHost host, LabNode node, CancellationToken ct)
    {
        await host.WriteFileAsync(HaproxyCfg, GuideFiles.Haproxy([.. LabTopology.Masters.Select(m => m.Address)]), ct: ct);
        var peer = LabTopology.PeerOf(node);
        await host.WriteFileAsync(KeepalivedConf, GuideFiles.Keepalived(node.Address, peer.Address, LabTopology.Vip, LabTopology.PrefixLength, timers), ct: ct);
    }

    public async Task<LabProcess> StartBalancerAsync(LabHost host, CancellationToken ct)
    {
        context.Progress($"{host.Name}: starting haproxy");
        var process = host.Start(["haproxy", "-db", "-f", HaproxyCfg]);
        // haproxy -db writes no pid file; the track script reads this one (this host's private /run).
        await host.WriteFileAsync(GuideFiles.HaproxyPidFile, process.Pid.ToString(CultureInfo.InvariantCulture) + "\n", ct: ct);
        await LabContext.WaitReadyAsync(process, $"haproxy on {host.Name} to listen on :{LabTopology.ApiServerPort}", c => ListensAsync(host, c), ct);
        return process;
    }

    /// <summary>
    /// Reloads HAProxy as `systemctl reload haproxy` does, so every server starts at full weight: HAProxy applies
    /// slowstart only to a server it saw fail, never at its start. In the order that keeps keepalived's track script
    /// passing: the new process binds :6443 beside the old one (SO_REUSEPORT), the pid file names it, and only then
    /// the old one gets SIGUSR1 (what `-sf` sends: stop listening, leave once idle).
    /// </summary>
    public async Task<LabProcess?> RefreshBalancerAsync(LabHost host, LabProcess running, CancellationToken ct)
    {
        const int SigUsr1 = 10;
        context.Progress($"{host.Name}: reloading haproxy (pid {running.Pid}) so every server runs at full weight, not slowstart's ramp");
        var process = host.Start(["haproxy", "-db", "-f", HaproxyCfg]);
        await LabContext.WaitReadyAsync(process, $"the new haproxy on {host.Name} to listen on :{LabTopology.ApiServerPort} beside pid {running.Pid}",
            async c => await ListenersAsync(host, c) >= 2, ct);
        await host.WriteFileAsync(GuideFiles.HaproxyPidFile, process.Pid.ToString(CultureInfo.InvariantCulture) + "\n", ct: ct);
        running.Signal(SigUsr1);
        try
        {
            await running.WaitForExitAsync(TimeSpan.FromSeconds(5), ct);
        }
        catch (TimeoutException)
        {
            // A connection kept it: the caller stops it (SIGTERM), as a reload's hard-stop-after would.
        }

        return process;
    }

    public async Task<LabProcess> StartVrrpAsync(LabHost host, CancellationToken ct)
    {
        context.Progress($"{host.Name}: starting keepalived");
        var process = host.Start(["keepalived", "-n", "-l", "-D", "-f", KeepalivedConf]);
        _keepalived[host.Name] = process;
        await LabContext.WaitReadyAsync(process, $"keepalived on {host.Name} to start",
            _ => Task.FromResult(process.Output.Any(l => l.Text.Contains("Startup complete", StringComparison.Ordinal))), ct);
        return process;
    }

    /// <summary>
    /// Keepalived has no --release: a SIGKILLed keepalived leaves its VIP on the node (the report counts it as "VIP
    /// on both"). An operator removes it by hand before starting keepalived again, and so does the lab.
    /// </summary>
    public async Task<string?> CleanUpDeadVrrpAsync(LabHost host, CancellationToken ct)
        => await LabRuntime.RemoveVipAsync(host, ct)
            ? $"removed the VIP the dead keepalived left on {host.Name} (ip addr del: keepalived has no --release)"
            : null;

    /// <summary>
    /// Null once the node's keepalived is master or backup and its track script has succeeded since it last failed,
    /// read from keepalived's console log ("(VI_1) Entering BACKUP STATE", "VRRP_Script(chk_haproxy) succeeded"):
    /// with the guide's weight 2, a node whose script has not passed again after HAProxy restarted is 2 below its
    /// peer, and a failover started then would measure that, not the guide's setup. Keepalived answers no status
    /// query; its data dump (SIGUSR1) says the same, but through a file written asynchronously.
    /// </summary>
    public Task<string?> NotReadyToTakeOverAsync(LabHost host, CancellationToken ct)
    {
        if (!_keepalived.TryGetValue(host.Name, out var keepalived) || keepalived.HasExited)
        {
            return Task.FromResult<string?>($"keepalived on {host.Name} is not running");
        }

        string? state = null;
        string? script = null;
        foreach (var line in keepalived.Output)
        {
            if (StateLine().Match(line.Text) is { Success: true } s)
            {
                state = s.Groups[1].Value;
            }
            else if (ScriptLine().Match(line.Text) is { Success: true } r)
            {
                script = r.Groups[1].Value;
            }
        }

        return Task.FromResult<string?>(
            state is not ("MASTER" or "BACKUP") ? $"keepalived on {host.Name} is {(state is null ? "starting" : "in " + state + " state")}"
            : script != "succeeded" ? $"keepalived on {host.Name}: its track script has {(script is null ? "not run yet" : "not succeeded since it failed")}"
            : null);
    }

    [GeneratedRegex(@"\) Entering (\w+) STATE")]
    private static partial Regex StateLine();

    [GeneratedRegex(@"VRRP_Script\(\S+\) (succeeded|failed|timed out)")]
    private static partial Regex ScriptLine();

    internal static async Task<bool> ListensAsync(LabHost host, CancellationToken ct) => await ListenersAsync(host, ct) > 0;

    /// <summary>Sockets listening on :6443 in the host (two while a reloaded HAProxy and the old one overlap).</summary>
    private static async Task<int> ListenersAsync(LabHost host, CancellationToken ct)
    {
        var result = await host.RunAsync(["ss", "-Hltn", $"sport = :{LabTopology.ApiServerPort}"], ct: ct);
        return result.Succeeded ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length : 0;
    }
}
