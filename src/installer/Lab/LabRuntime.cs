using System.Globalization;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// A running lab inside the supervisor (or the benchmark): the NetLab hosts, the stand-ins on the masters, and the
/// balancer and VRRP daemon on each load balancer. Builds it, restores what a fault took away (daemons, a stand-in,
/// a node's link), swaps the stack for the benchmark, and removes it all on dispose.
/// </summary>
internal sealed class LabRuntime : IAsyncDisposable
{
    private readonly NetLab.Lab _lab;
    private readonly Dictionary<string, LabHost> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LabProcess> _standIns = new(StringComparer.Ordinal);
    private readonly List<LoadBalancerNode> _loadBalancers = [];

    private LabRuntime(NetLab.Lab lab, ILoadBalancerStack stack, LabContext context)
    {
        _lab = lab;
        Stack = stack;
        Context = context;
    }

    public string Name => _lab.Name;

    public ILoadBalancerStack Stack { get; private set; }

    public LabContext Context { get; }

    public IReadOnlyList<LoadBalancerNode> LoadBalancers => _loadBalancers;

    public LabHost Client => _hosts[LabTopology.Client.Name];

    /// <summary>The apiserver stand-in running (or killed) on <paramref name="master"/>.</summary>
    public LabProcess StandIn(LabNode master) => _standIns[master.Name];

    /// <summary>Creates the lab and calls <paramref name="created"/> with its name before anything else, so a crash can be swept.</summary>
    public static async Task<LabRuntime> BuildAsync(LabMode mode, VrrpTimers timers, LabContext context, Action<string> created, CancellationToken ct)
    {
        var lab = await NetLab.Lab.CreateAsync(ct);
        created(lab.Name);
        var runtime = new LabRuntime(lab, CreateStack(mode, timers, context), context);
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

    /// <summary>
    /// Undoes every fault: plugs a cut node back in, starts again every balancer and VRRP daemon that is not running
    /// (cleaning up after a dead VRRP daemon first, as its service manager would) and every dead stand-in, then waits
    /// until the VIP is stable on one node and answers, and a restarted stand-in is back in the balancers' rotation.
    /// </summary>
    public async Task<RestoreReport> RestoreAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var restarted = new List<string>();
        var freshBalancers = new HashSet<LoadBalancerNode>();
        var replugged = await RestoreLinksAsync(ct);
        restarted.AddRange(replugged);
        foreach (var lb in _loadBalancers)
        {
            if (lb.Balancer is not { HasExited: false })
            {
                await StopQuietlyAsync(lb.Balancer);
                lb.Balancer = await Stack.StartBalancerAsync(lb.Host, ct);
                freshBalancers.Add(lb);
                restarted.Add(string.Create(CultureInfo.InvariantCulture, $"{Stack.BalancerName} on {lb.Name} (pid {lb.Balancer.Pid})"));
            }

            if (lb.Vrrp is not { HasExited: false })
            {
                await StopQuietlyAsync(lb.Vrrp);
                if (await Stack.CleanUpDeadVrrpAsync(lb.Host, ct) is { } cleaned)
                {
                    restarted.Add(cleaned);
                }

                lb.Vrrp = await Stack.StartVrrpAsync(lb.Host, ct);
                restarted.Add(string.Create(CultureInfo.InvariantCulture, $"{Stack.VrrpName} on {lb.Name} (pid {lb.Vrrp.Pid})"));
            }
        }

        var standIns = new List<(LabNode Master, LabProcess Process)>();
        foreach (var master in LabTopology.Masters.Where(m => _standIns[m.Name].HasExited))
        {
            var process = await StartStandInAsync(master, ct);
            standIns.Add((master, process));
            restarted.Add(string.Create(CultureInfo.InvariantCulture, $"kube-apiserver-standin on {master.Name} (pid {process.Pid})"));
        }

        if (standIns.Count > 0)
        {
            // A balancer started above is fresh already: every server at full weight.
            foreach (var lb in _loadBalancers.Where(l => !freshBalancers.Contains(l)))
            {
                if (lb.Balancer is { HasExited: false } running && await Stack.RefreshBalancerAsync(lb.Host, running, ct) is { } refreshed)
                {
                    await StopQuietlyAsync(running);
                    lb.Balancer = refreshed;
                    restarted.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{Stack.BalancerName} on {lb.Name} reloaded (pid {refreshed.Pid}, was {running.Pid}): {string.Join(", ", standIns.Select(s => s.Master.Name))} at full weight, no slowstart ramp"));
                }
            }
        }

        // Two masters (a node plugged back in) settle within an advert interval; after any other fault nothing moves the
        // VIP once both daemons are ready (equal priorities, no preemption), which WaitReadyToTakeOverAsync checks.
        var holder = await WaitStableAsync(replugged.Count > 0 ? ElectionHold : QuietHold, ct);
        await WaitReadyToTakeOverAsync(ct);
        foreach (var (master, process) in standIns)
        {
            await WaitInRotationAsync(master, process, ct);
        }

        return new RestoreReport(restarted, holder, Math.Round((DateTimeOffset.UtcNow - started).TotalMilliseconds));
    }

    /// <summary>
    /// Replaces the stack on both load balancers with <paramref name="mode"/> at <paramref name="timers"/> (the
    /// benchmark measures both stacks in one lab): undoes any fault, stops the VRRP daemons (they resign) and the
    /// balancers, removes a VIP left behind, then starts the new stack and waits until the VIP is stable. HaKube's vrrpd
    /// follows tcplb as <paramref name="tracking"/> says (both ways, as shipped, unless the benchmark times one alone).
    /// </summary>
    public async Task UseStackAsync(LabMode mode, VrrpTimers timers, CancellationToken ct, BalancerTracking tracking = BalancerTracking.PidfileAndStream)
    {
        await RestoreLinksAsync(ct);
        // Stopped on purpose from here: the old stack's ExecStopPost emulation stops watching (after any release it runs).
        await Stack.DisposeAsync();
        foreach (var lb in _loadBalancers)
        {
            await StopQuietlyAsync(lb.Vrrp);
            lb.Vrrp = null;
        }

        foreach (var lb in _loadBalancers)
        {
            await StopQuietlyAsync(lb.Balancer);
            lb.Balancer = null;
            await RemoveVipAsync(lb.Host, ct);
        }

        foreach (var master in LabTopology.Masters.Where(m => _standIns[m.Name].HasExited))
        {
            await StartStandInAsync(master, ct);
        }

        Stack = CreateStack(mode, timers, Context, tracking);
        await StartLoadBalancersAsync(ct);
    }

    /// <summary>Removes the VIP from <paramref name="host"/> if it holds it; true when it did.</summary>
    internal static async Task<bool> RemoveVipAsync(LabHost host, CancellationToken ct)
    {
        if (!await host.HasAddressAsync(LabTopology.Vip, ct))
        {
            return false;
        }

        await host.RunCheckedAsync(["ip", "addr", "del", $"{LabTopology.Vip}/{LabTopology.PrefixLength}", "dev", LabTopology.Interface], ct: ct);
        return true;
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

            hosts.Add(new LabHostState(host.Name, node.Role, host.Namespace, host.Address.ToString(), host.Mac, processes)
            {
                LinkCut = _loadBalancers.Find(l => l.Name == host.Name) is { LinkCut: true },
            });
        }

        return hosts;
    }

    /// <summary>Stops every process at once (the VRRP daemons resign, the stand-ins shut down), then removes the lab.</summary>
    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
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

        if (_standIns.TryGetValue(host, out var standIn))
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
            _standIns[master.Name] = LaunchStandIn(master);
        }

        foreach (var master in LabTopology.Masters)
        {
            await WaitStandInAsync(_standIns[master.Name], ct);
        }

        _loadBalancers.AddRange(LabTopology.LoadBalancers.Select(n => new LoadBalancerNode(n, _hosts[n.Name])));
        await StartLoadBalancersAsync(ct);
    }

    private static ILoadBalancerStack CreateStack(LabMode mode, VrrpTimers timers, LabContext context, BalancerTracking tracking = BalancerTracking.PidfileAndStream)
        => mode == LabMode.Reference ? new ReferenceStack(context, timers) : new HaKubeStack(context, timers, tracking);

    /// <summary>Writes the stack's files on both load balancers, starts both balancers, then both VRRP daemons, and waits until the VIP is stable.</summary>
    private async Task StartLoadBalancersAsync(CancellationToken ct)
    {
        foreach (var lb in _loadBalancers)
        {
            await Stack.WriteFilesAsync(lb.Host, lb.Node, ct);
            lb.Balancer = await Stack.StartBalancerAsync(lb.Host, ct);
        }

        foreach (var lb in _loadBalancers)
        {
            lb.Vrrp = await Stack.StartVrrpAsync(lb.Host, ct);
        }

        await WaitStableAsync(ElectionHold, ct);
        await WaitReadyToTakeOverAsync(ct);
    }

    private LabProcess LaunchStandIn(LabNode master)
    {
        Context.Progress($"{master.Name}: starting the kube-apiserver stand-in");
        var pki = Path.GetDirectoryName(Context.CaFile)!;
        return _hosts[master.Name].Start([
            Context.Binaries.StandIn, "--name", master.Name,
            "--listen", string.Create(CultureInfo.InvariantCulture, $"{master.Address}:{LabTopology.ApiServerPort}"),
            "--cert", Path.Combine(pki, master.Name + ".pem"), "--key", Path.Combine(pki, master.Name + "-key.pem"),
        ]);
    }

    private static Task WaitStandInAsync(LabProcess standIn, CancellationToken ct)
        => LabContext.WaitReadyAsync(standIn, $"the stand-in on {standIn.Host} to listen",
            _ => Task.FromResult(standIn.Output.Any(l => l.Text.StartsWith("listening", StringComparison.Ordinal))), ct);

    /// <summary>Starts the stand-in on <paramref name="master"/> again (after a fault killed it) and waits until it listens.</summary>
    private async Task<LabProcess> StartStandInAsync(LabNode master, CancellationToken ct)
    {
        await StopQuietlyAsync(_standIns[master.Name]);
        var process = LaunchStandIn(master);
        _standIns[master.Name] = process;
        await WaitStandInAsync(process, ct);
        return process;
    }

    /// <summary>
    /// Waits until a request through the VIP reaches <paramref name="master"/>'s stand-in again: the balancers' checks
    /// have found it up (a reloaded HAProxy at once), so the next failover starts from three servers.
    /// The client asks for /whoami, which no health check asks for, and the stand-in logs every request.
    /// </summary>
    private async Task WaitInRotationAsync(LabNode master, LabProcess standIn, CancellationToken ct)
    {
        Context.Progress($"waiting for {master.Name} to be back in the balancers' rotation");
        var probe = Client.Start([Context.Binaries.Probe, "--target", $"{LabTopology.Vip}:{LabTopology.ApiServerPort}",
            "--ca", Context.CaFile, "--kinds", "tls", "--path", "/whoami", "--interval-ms", "50", "--duration-s", "120"]);
        try
        {
            await Wait.UntilAsync(() => standIn.Output.Any(l => l.Text.Contains("GET /whoami ", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(90), $"a request through the VIP to reach {master.Name} again", ct);
        }
        catch (TimeoutException e)
        {
            throw new LabCommandException($"{e.Message}; the client's probe said:\n{LabContext.Tail(probe)}", e);
        }
        finally
        {
            await probe.StopAsync();
        }
    }

    /// <summary>
    /// Waits until each load balancer's VRRP daemon could take the VIP over (not in fault): the next failover must
    /// find a backup that hears the master's resignation, not one still recovering from the last fault.
    /// </summary>
    private async Task WaitReadyToTakeOverAsync(CancellationToken ct)
    {
        var why = new string?[_loadBalancers.Count];
        try
        {
            await Wait.UntilAsync(async c =>
            {
                for (var i = 0; i < _loadBalancers.Count; i++)
                {
                    why[i] = await Stack.NotReadyToTakeOverAsync(_loadBalancers[i].Host, c);
                }

                return why.All(w => w is null);
            }, TimeSpan.FromSeconds(30), $"both {Stack.VrrpName} ready to take over", ct);
        }
        catch (TimeoutException e)
        {
            throw new LabCommandException($"{e.Message}: {string.Join("; ", why.Where(w => w is not null))}", e);
        }
    }

    /// <summary>Plugs every cut load balancer back in; says which.</summary>
    private async Task<List<string>> RestoreLinksAsync(CancellationToken ct)
    {
        var restored = new List<string>();
        foreach (var lb in _loadBalancers.Where(l => l.LinkCut))
        {
            await lb.Host.RestoreLinkAsync(ct);
            lb.LinkCut = false;
            restored.Add($"{lb.Name}'s link (eth0 plugged back into the bridge)");
        }

        return restored;
    }

    /// <summary>
    /// After an election (both daemons started, a node plugged back in: two masters hear each other's advert within one
    /// interval): the VIP must stay put for one and a half advert intervals, at least 1.5 s.
    /// </summary>
    private TimeSpan ElectionHold => TimeSpan.FromSeconds(Math.Max(1.5, 1.5 * (double)Stack.Timers.AdvertInt));

    /// <summary>After a restore with no election to settle: a short look that the VIP stays put.</summary>
    private static TimeSpan QuietHold => TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits until exactly one load balancer holds the VIP, the client gets /readyz through it, and the holder stays put
    /// for <paramref name="hold"/>. The client's check runs while the holder is watched: both must pass.
    /// </summary>
    private async Task<string> WaitStableAsync(TimeSpan hold, CancellationToken ct)
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
            var holder = await WaitHolderStaysAsync(hold, ct);
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

            Context.Progress($"the VIP is on {holder}");
            return holder;
        }
        finally
        {
            await probe.StopAsync();
        }
    }

    /// <summary>
    /// Waits until one load balancer has held the VIP alone for <paramref name="stable"/>: this catches a VIP that still
    /// moves (see <see cref="ElectionHold"/>).
    /// </summary>
    private async Task<string> WaitHolderStaysAsync(TimeSpan stable, CancellationToken ct)
    {
        var holders = await VipHoldersAsync(ct);
        var holder = holders.Count == 1 ? holders[0] : null;
        var stableSince = DateTimeOffset.UtcNow;
        var deadline = stableSince + TimeSpan.FromSeconds(30);
        while (holder is null || DateTimeOffset.UtcNow - stableSince < stable)
        {
            await Task.Delay(100, ct);
            var now = await VipHoldersAsync(ct);
            if (now.Count != 1 || now[0] != holder)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new LabCommandException($"the VIP does not settle: now on {(now.Count == 0 ? "none" : string.Join(", ", now))}");
                }

                holder = now.Count == 1 ? now[0] : null;
                stableSince = DateTimeOffset.UtcNow;
            }
        }

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
