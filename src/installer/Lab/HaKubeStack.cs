using System.Text.Json;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// vrrpd and tcplb with native files (<see cref="HaKubeFiles"/>), in the foreground as their contracts say:
/// `tcplb -f PATH --run-dir DIR`, `vrrpd -f PATH --run-dir DIR`; ready once `status --json` answers (the run
/// directories are the defaults, in each node's private /run, so `status` needs no --run-dir).
/// </summary>
internal sealed class HaKubeStack(LabContext context, VrrpTimers timers) : ILoadBalancerStack
{
    public LabMode Mode => LabMode.HaKube;

    public string BalancerName => "tcplb";

    public string VrrpName => "vrrpd";

    public VrrpTimers Timers => timers;

    public int VrrpVersion => timers.VersionFor(HaKubeFiles.DefaultVersion);

    public async Task WriteFilesAsync(LabHost host, LabNode node, CancellationToken ct)
    {
        var peer = LabTopology.PeerOf(node);
        await host.WriteFileAsync(HaKubeFiles.TcplbCaFile, context.CaPem, ct: ct);
        await host.WriteFileAsync(HaKubeFiles.TcplbFile, HaKubeFiles.Tcplb([.. LabTopology.Masters.Select(m => (m.Name, m.Address))], LabTopology.ApiServerPort), ct: ct);
        await host.WriteFileAsync(HaKubeFiles.VrrpdFile, HaKubeFiles.Vrrpd(node.Name, node.Address, peer.Address, LabTopology.Vip,
            LabTopology.PrefixLength, LabTopology.Interface, LabTopology.VirtualRouterId, timers), ct: ct);
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

    public async Task<LabProcess> StartVrrpAsync(LabHost host, CancellationToken ct)
    {
        context.Progress($"{host.Name}: starting vrrpd");
        var vrrpd = context.Binaries.Vrrpd;
        var process = host.Start([vrrpd, "-f", HaKubeFiles.VrrpdFile, "--run-dir", HaKubeFiles.VrrpdRunDirectory]);
        await LabContext.WaitReadyAsync(process, $"vrrpd on {host.Name} to answer `vrrpd status --json`",
            async c => (await host.RunAsync([vrrpd, "status", "--json"], ct: c)).Succeeded, ct);
        return process;
    }

    /// <summary>
    /// What the shipped unit's ExecStopPost runs (deploy/systemd/vrrpd.service): `vrrpd --release` removes the
    /// addresses a dead vrrpd recorded in its run directory and tagged as its own.
    /// </summary>
    public async Task<string?> CleanUpDeadVrrpAsync(LabHost host, CancellationToken ct)
    {
        var held = await host.HasAddressAsync(LabTopology.Vip, ct);
        var result = await host.RunAsync([context.Binaries.Vrrpd, "--release", "--run-dir", HaKubeFiles.VrrpdRunDirectory], ct: ct);
        if (!result.Succeeded)
        {
            throw new LabCommandException($"`vrrpd --release` on {host.Name} failed with exit {result.ExitCode}: {result.StandardError.Trim()}{result.StandardOutput.Trim()}");
        }

        return held ? $"vrrpd --release on {host.Name} removed the VIP the dead vrrpd left" : $"vrrpd --release on {host.Name} (nothing left to remove)";
    }

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
