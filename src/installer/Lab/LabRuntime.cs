using System.Globalization;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// A running lab inside the supervisor: the NetLab hosts, the stand-ins on the masters, and the balancer and
/// VRRP daemon on each load balancer. Builds it, restores what was killed, and removes it all on dispose.
/// </summary>
internal sealed class LabRuntime : IAsyncDisposable
{
    private readonly NetLab.Lab _lab;
    private readonly Dictionary<string, LabHost> _hosts = new(StringComparer.Ordinal);
    private readonly List<LabProcess> _standIns = [];
    private readonly List<LoadBalancerNode> _loadBalancers = [];

    private LabRuntime(NetLab.Lab lab, ILoadBalancerStack stack, LabContext context)
    {
        _lab = lab;
        Stack = stack;
        Context = context;
    }

    public string Name => _lab.Name;

    public ILoadBalancerStack Stack { get; }

    public LabContext Context { get; }

    public IReadOnlyList<LoadBalancerNode> LoadBalancers => _loadBalancers;

    public LabHost Client => _hosts[LabTopology.Client.Name];

    /// <summary>Creates the lab and calls <paramref name="created"/> with its name before anything else, so a crash can be swept.</summary>
    public static async Task<LabRuntime> BuildAsync(LabMode mode, LabContext context, Action<string> created, CancellationToken ct)
    {
        var lab = await NetLab.Lab.CreateAsync(ct);
        created(lab.Name);
        ILoadBalancerStack stack = mode == LabMode.Reference ? new ReferenceStack(context) : new HaKubeStack(context);
        var runtime = new LabRuntime(lab, stack, context);
        try
        {
            await runtime.StartAsync(ct);
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    /// <summary>The load balancers that hold the VIP now.</summary>
    public async Task<IReadOnlyList<string>> VipHoldersAsync(CancellationToken ct)
    {
        var holders = new List<string>();
        foreach (var lb in _loadBalancers)
        {
            if (await lb.Host.HasAddressAsync(LabTopology.Vip, ct))
            {
                holders.Add(lb.Name);
            }
        }

        return holders;
    }

    /// <summary>Starts again every balancer and VRRP daemon that is not running, then waits until the VIP is stable on one node and answers.</summary>
    public async Task<RestoreReport> RestoreAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var restarted = new List<string>();
        foreach (var lb in _loadBalancers)
        {
            if (lb.Balancer is not { HasExited: false })
            {
                await StopQuietlyAsync(lb.Balancer);
                lb.Balancer = await Stack.StartBalancerAsync(lb.Host, ct);
                restarted.Add(string.Create(CultureInfo.InvariantCulture, $"{Stack.BalancerName} on {lb.Name} (pid {lb.Balancer.Pid})"));
            }

            if (lb.Vrrp is not { HasExited: false })
            {
                await StopQuietlyAsync(lb.Vrrp);
                lb.Vrrp = await Stack.StartVrrpAsync(lb.Host, ct);
                restarted.Add(string.Create(CultureInfo.InvariantCulture, $"{Stack.VrrpName} on {lb.Name} (pid {lb.Vrrp.Pid})"));
            }
        }

        var holder = await WaitStableAsync(ct);
        return new RestoreReport(restarted, holder, Math.Round((DateTimeOffset.UtcNow - started).TotalMilliseconds));
    }

    /// <summary>The hosts and processes as state.json records them.</summary>
    public IReadOnlyList<LabHostState> Snapshot()
    {
        var hosts = new List<LabHostState>();
        foreach (var host in _lab.Hosts)
        {
            var node = LabTopology.Nodes.Single(n => n.Name == host.Name);
            var processes = new List<LabProcessState>();
            foreach (var (name, process) in Named(host.Name))
            {
                if (process is { HasExited: false })
                {
                    processes.Add(new LabProcessState(name, process.Pid, process.CommandLine));
                }
            }

            hosts.Add(new LabHostState(host.Name, node.Role, host.Namespace, host.Address.ToString(), host.Mac, processes));
        }

        return hosts;
    }

    /// <summary>Stops every process at once (the VRRP daemons resign, the stand-ins shut down), then removes the lab.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_lab.Hosts.SelectMany(h => h.Processes).Select(p => p.StopAsync(TimeSpan.FromSeconds(2))));
        await _lab.DisposeAsync();
    }

    private IEnumerable<(string Name, LabProcess? Process)> Named(string host)
    {
        if (_loadBalancers.Find(l => l.Name == host) is { } lb)
        {
            yield return (Stack.BalancerName, lb.Balancer);
            yield return (Stack.VrrpName, lb.Vrrp);
        }

        foreach (var standIn in _standIns.Where(p => p.Host == host))
        {
            yield return ("kube-apiserver-standin", standIn);
        }
    }

    private async Task StartAsync(CancellationToken ct)
    {
        foreach (var node in LabTopology.Nodes)
        {
            Context.Progress($"creating host {node.Name} ({node.Address})");
            var options = new HostOptions
            {
                Address = node.Address,
                PrefixLength = LabTopology.PrefixLength,
                IPv6 = false,
                // Daemons on the load balancers get private /etc, /run, /var/lib, ... as on separate machines.
                PrivateDirectories = node.Role == LabRole.LoadBalancer ? HostOptions.MachineLike : [],
                // ... but they see the directory of vrrpd and tcplb wherever it is (a build under /tmp, say).
                SharedDirectories = node.Role == LabRole.LoadBalancer
                    ? [.. new[] { Context.Binaries.Vrrpd, Context.Binaries.Tcplb }.Select(f => Path.GetDirectoryName(f)!).Where(Directory.Exists).Distinct(StringComparer.Ordinal)]
                    : [],
            };
            _hosts[node.Name] = await _lab.AddHostAsync(node.Name, options, ct);
        }

        foreach (var master in LabTopology.Masters)
        {
            Context.Progress($"{master.Name}: starting the kube-apiserver stand-in");
            var pki = Path.GetDirectoryName(Context.CaFile)!;
            _standIns.Add(_hosts[master.Name].Start([
                Context.Binaries.StandIn, "--name", master.Name,
                "--listen", string.Create(CultureInfo.InvariantCulture, $"{master.Address}:{LabTopology.ApiServerPort}"),
                "--cert", Path.Combine(pki, master.Name + ".pem"), "--key", Path.Combine(pki, master.Name + "-key.pem"),
            ]));
        }

        foreach (var standIn in _standIns)
        {
            await LabContext.WaitReadyAsync(standIn, $"the stand-in on {standIn.Host} to listen",
                _ => Task.FromResult(standIn.Output.Any(l => l.Text.StartsWith("listening", StringComparison.Ordinal))), ct);
        }

        foreach (var node in LabTopology.LoadBalancers)
        {
            var lb = new LoadBalancerNode(node, _hosts[node.Name]);
            _loadBalancers.Add(lb);
            await Stack.WriteFilesAsync(lb.Host, node, ct);
            lb.Balancer = await Stack.StartBalancerAsync(lb.Host, ct);
        }

        foreach (var lb in _loadBalancers)
        {
            lb.Vrrp = await Stack.StartVrrpAsync(lb.Host, ct);
        }

        await WaitStableAsync(ct);
    }

    /// <summary>Waits until exactly one load balancer holds the VIP, the client gets /readyz through it, and the holder stays put for 3 s.</summary>
    private async Task<string> WaitStableAsync(CancellationToken ct)
    {
        Context.Progress($"waiting for the VIP {LabTopology.Vip} on one load balancer");
        try
        {
            await Wait.UntilAsync(async c => (await VipHoldersAsync(c)).Count == 1, TimeSpan.FromSeconds(30), "the VIP on exactly one load balancer", ct);
        }
        catch (TimeoutException e)
        {
            var holders = await VipHoldersAsync(ct);
            throw new LabCommandException($"{e.Message} (now on: {(holders.Count == 0 ? "none" : string.Join(", ", holders))}); {Stack.VrrpName} said:\n"
                + string.Join('\n', _loadBalancers.Select(l => $"{l.Name}:\n{(l.Vrrp is null ? "  (not started)" : LabContext.Tail(l.Vrrp))}")), e);
        }

        Context.Progress("checking /readyz through the VIP from the client");
        // Processes started on a host are the host's to dispose (NetLab disposes them with the lab): stop, never dispose.
        var probe = Client.Start([Context.Binaries.Probe, "--target", $"{LabTopology.Vip}:{LabTopology.ApiServerPort}",
            "--ca", Context.CaFile, "--interval-ms", "100", "--duration-s", "30", "--until-success"]);
        try
        {
            int code;
            try
            {
                code = await probe.WaitForExitAsync(TimeSpan.FromSeconds(40), ct);
            }
            catch (TimeoutException e)
            {
                throw new LabCommandException($"the probe did not finish: {LabContext.Tail(probe)}", e);
            }

            if (code != 0)
            {
                throw new LabCommandException($"the client gets no /readyz through the VIP {LabTopology.Vip}:{LabTopology.ApiServerPort}; the probe said:\n{LabContext.Tail(probe)}");
            }
        }
        finally
        {
            await probe.StopAsync();
        }

        var holder = (await VipHoldersAsync(ct)).Single();
        var stableSince = DateTimeOffset.UtcNow;
        var deadline = stableSince + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow - stableSince < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(100, ct);
            var now = await VipHoldersAsync(ct);
            if (now.Count != 1 || now[0] != holder)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new LabCommandException($"the VIP does not settle: now on {string.Join(", ", now)}");
                }

                holder = now.Count == 1 ? now[0] : holder;
                stableSince = DateTimeOffset.UtcNow;
            }
        }

        Context.Progress($"the VIP is on {holder}");
        return holder;
    }

    private static async Task StopQuietlyAsync(LabProcess? process)
    {
        if (process is not null)
        {
            await process.StopAsync();
        }
    }
}
