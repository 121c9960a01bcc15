using System.Text.Json;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// vrrpd and tcplb with native files (<see cref="HaKubeFiles"/>), in the foreground as their contracts say:
/// `tcplb -f PATH --run-dir DIR`, `vrrpd -f PATH --run-dir DIR`; ready once `status --json` answers (the run
/// directories are the defaults, in each node's private /run, so `status` needs no --run-dir). As systemd does with
/// vrrpd.service's ExecStopPost, the moment a vrrpd the lab started exits (SIGKILL included) `vrrpd --release` runs on
/// its node: the dead daemon's VIP goes, and its priority-0 advert hands the VIP to the peer at once.
/// </summary>
internal sealed class HaKubeStack(LabContext context, VrrpTimers timers, BalancerTracking tracking = BalancerTracking.PidfileAndStream) : ILoadBalancerStack
{
    /// <summary>systemd's default TimeoutStopSec: the most an ExecStopPost may take.</summary>
    private static readonly TimeSpan ReleaseBound = TimeSpan.FromSeconds(90);

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (LabProcess Vrrpd, Task Watcher)> _watchers = new(StringComparer.Ordinal);
    private readonly List<StackAction> _actions = [];
    private bool _disposed;

    public LabMode Mode => LabMode.HaKube;

    public bool ReleasesOnExit => true;

    public IReadOnlyList<StackAction> Actions
    {
        get
        {
            lock (_gate)
            {
                return [.. _actions];
            }
        }
    }

    public string BalancerName => "tcplb";

    public string VrrpName => "vrrpd";

    public VrrpTimers Timers => timers;

    public BalancerTracking Tracking => tracking;

    public int VrrpVersion => timers.VersionFor(HaKubeFiles.DefaultVersion);

    public async Task WriteFilesAsync(LabHost host, LabNode node, CancellationToken ct)
    {
        var peer = LabTopology.PeerOf(node);
        await host.WriteFileAsync(HaKubeFiles.TcplbCaFile, context.CaPem, ct: ct);
        await host.WriteFileAsync(HaKubeFiles.TcplbFile, HaKubeFiles.Tcplb([.. LabTopology.Masters.Select(m => (m.Name, m.Address))], LabTopology.ApiServerPort), ct: ct);
        await host.WriteFileAsync(HaKubeFiles.VrrpdFile, HaKubeFiles.Vrrpd(node.Name, node.Address, peer.Address, LabTopology.Vip,
            LabTopology.PrefixLength, LabTopology.Interface, LabTopology.VirtualRouterId, timers, tracking), ct: ct);
    }

    public async Task<LabProcess> StartBalancerAsync(LabHost host, CancellationToken ct)
    {
        context.Progress($"{host.Name}: starting tcplb");
        var tcplb = context.Binaries.Tcplb;
        var process = host.Start([tcplb, "-f", HaKubeFiles.TcplbFile, "--run-dir", HaKubeFiles.TcplbRunDirectory]);
        await LabContext.WaitReadyAsync(process, $"tcplb on {host.Name} to answer `tcplb status --json`",
            async c => (await host.RunAsync([tcplb, "status", "--json"], ct: c)).Succeeded
                && await ReferenceStack.ListensAsync(host, c), ct);
        return process;
    }

    /// <summary>The lab's tcplb.json sets no SlowStart: a server that passes its checks again takes its full share at once.</summary>
    public Task<LabProcess?> RefreshBalancerAsync(LabHost host, LabProcess running, CancellationToken ct) => Task.FromResult<LabProcess?>(null);

    public async Task<LabProcess> StartVrrpAsync(LabHost host, CancellationToken ct)
    {
        context.Progress($"{host.Name}: starting vrrpd");
        var vrrpd = context.Binaries.Vrrpd;
        var process = host.Start([vrrpd, "-f", HaKubeFiles.VrrpdFile, "--run-dir", HaKubeFiles.VrrpdRunDirectory]);
        Watch(host, process);
        await LabContext.WaitReadyAsync(process, $"vrrpd on {host.Name} to answer `vrrpd status --json`",
            async c => (await host.RunAsync([vrrpd, "status", "--json"], ct: c)).Succeeded, ct);
        return process;
    }

    /// <summary>
    /// What the shipped unit's ExecStopPost runs (deploy/systemd/vrrpd.service): `vrrpd --release` removes the
    /// addresses a dead vrrpd recorded in its run directory and tagged as its own, and resigns for it.
    /// </summary>
    /// <remarks>
    /// It ran already when vrrpd exited (<see cref="Watch"/>); this is the fallback, and finds nothing left then. It
    /// waits for that run first, so two never run at once on a node.
    /// </remarks>
    public async Task<string?> CleanUpDeadVrrpAsync(LabHost host, CancellationToken ct)
    {
        await WhenIdleAsync(host, ct);
        var held = await host.HasAddressAsync(LabTopology.Vip, ct);
        var result = await ReleaseAsync(host, ct);
        if (!result.Succeeded)
        {
            throw new LabCommandException($"`vrrpd --release` on {host.Name} failed with exit {result.ExitCode}: {result.StandardError.Trim()}{result.StandardOutput.Trim()}");
        }

        return held ? $"vrrpd --release on {host.Name} removed the VIP the dead vrrpd left" : $"vrrpd --release on {host.Name} (nothing left to remove)";
    }

    public async Task WhenIdleAsync(LabHost host, CancellationToken ct)
    {
        (LabProcess Vrrpd, Task Watcher) watched;
        lock (_gate)
        {
            if (!_watchers.TryGetValue(host.Name, out watched))
            {
                return;
            }
        }

        // The watcher of a running vrrpd ends only when it exits: only one whose vrrpd is gone is waited for.
        if (watched.Vrrpd.HasExited)
        {
            await watched.Watcher.WaitAsync(ReleaseBound, ct);
        }
    }

    /// <summary>Stops watching: the daemons the lab stops from now on (lab down, a stack swap) resign by themselves.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] watchers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            watchers = [.. _watchers.Values.Select(w => w.Watcher)];
        }

        await _stop.CancelAsync();
        // A release already running finishes: it is what the node's service manager would do.
        await Task.WhenAll(watchers).WaitAsync(ReleaseBound).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>
    /// ExecStopPost: when <paramref name="vrrpd"/> exits for any reason (the lab's own stops come after
    /// <see cref="DisposeAsync"/>), runs `vrrpd --release` on its node at once, after the previous run there if any.
    /// </summary>
    private void Watch(LabHost host, LabProcess vrrpd)
    {
        lock (_gate)
        {
            var previous = _watchers.TryGetValue(host.Name, out var watched) ? watched.Watcher : Task.CompletedTask;
            _watchers[host.Name] = (vrrpd, ExecStopPostAsync(host, vrrpd, previous, _stop.Token));
        }
    }

    private async Task ExecStopPostAsync(LabHost host, LabProcess vrrpd, Task previous, CancellationToken ct)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await vrrpd.WaitForExitAsync(Timeout.InfiniteTimeSpan, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped watching (the lab stops vrrpd itself now), or the lab is gone.
            return;
        }

        string what;
        try
        {
            var result = await ReleaseAsync(host, CancellationToken.None);
            var said = string.Join("; ", $"{result.StandardOutput}\n{result.StandardError}".Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            what = $"vrrpd (pid {vrrpd.Pid}) ended{(vrrpd.ExitCode is { } code ? $" with exit {code}" : "")}; `vrrpd --release` on {host.Name} (the unit's ExecStopPost) exited {result.ExitCode}: {said}";
        }
        catch (Exception e) when (e is LabException or IOException or InvalidOperationException)
        {
            what = $"vrrpd (pid {vrrpd.Pid}) ended; `vrrpd --release` on {host.Name} (the unit's ExecStopPost) failed: {e.Message}";
        }

        context.Progress(what);
        lock (_gate)
        {
            _actions.Add(new StackAction(DateTimeOffset.UtcNow, host.Name, what));
        }
    }

    private Task<CommandResult> ReleaseAsync(LabHost host, CancellationToken ct)
        => host.RunAsync([context.Binaries.Vrrpd, "--release", "--run-dir", HaKubeFiles.VrrpdRunDirectory], timeout: ReleaseBound, ct: ct);

    /// <summary>Every instance master or backup, as `vrrpd status --json` reports.</summary>
    public async Task<string?> NotReadyToTakeOverAsync(LabHost host, CancellationToken ct)
    {
        var result = await host.RunAsync([context.Binaries.Vrrpd, "status", "--json"], ct: ct);
        if (!result.Succeeded)
        {
            return $"`vrrpd status` on {host.Name} exited {result.ExitCode}: {result.StandardError.Trim()}";
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        foreach (var instance in json.RootElement.GetProperty("instances").EnumerateArray())
        {
            var state = instance.GetProperty("state").GetString();
            if (state is not ("Master" or "Backup"))
            {
                return $"vrrpd on {host.Name}: {instance.GetProperty("name").GetString()} is {state}";
            }
        }

        return null;
    }
}
