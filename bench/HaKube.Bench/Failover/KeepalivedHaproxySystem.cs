using System.Globalization;
using HaKube.Bench.Fixtures;
using HaKube.NetLab;

namespace HaKube.Bench.Failover;

/// <summary>
/// The reference: Keepalived 2.2.7 and HAProxy 2.6 from Debian on lb1 and lb2 with the guide's own files (addresses
/// moved to the lab; the track script checks this node's HAProxy pid instead of "killall -0 haproxy", which sees
/// every namespace on this machine).
/// </summary>
internal sealed class KeepalivedHaproxySystem : IFailoverSystem
{
    private readonly Dictionary<string, LabProcess> _haproxy = [];
    private readonly Dictionary<string, LabProcess> _keepalived = [];
    private FailoverLab? _lab;
    private FailoverVariant? _variant;

    public string Name => "Keepalived + HAProxy";

    public async Task StartAsync(FailoverLab lab, FailoverVariant variant, CancellationToken ct)
    {
        _lab = lab;
        _variant = variant;
        foreach (var lb in new[] { lab.Lb1, lab.Lb2 })
        {
            _haproxy[lb.Name] = await ReferenceDaemons.StartHaproxyAsync(lb, GuideFiles.HaproxyCfg(), lab.Directory, ct);
        }

        foreach (var lb in new[] { lab.Lb1, lab.Lb2 })
        {
            await StartKeepalivedAsync(lb, ct);
        }
    }

    public async Task InjectAsync(FailoverScenario scenario, LabHost holder, CancellationToken ct)
    {
        switch (scenario)
        {
            case FailoverScenario.BalancerKilled:
                _haproxy[holder.Name].Signal(9);
                break;
            case FailoverScenario.VrrpKilled:
                // The parent and its VRRP child share the process group: a crash of keepalived as a whole.
                await _keepalived[holder.Name].KillAsync();
                break;
            case FailoverScenario.VrrpStopped:
                _keepalived[holder.Name].Signal(15);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "not a load-balancer node fault");
        }
    }

    public async Task RestoreAsync(FailoverScenario scenario, LabHost holder, CancellationToken ct)
    {
        var lab = _lab ?? throw new InvalidOperationException("not started");
        if (scenario == FailoverScenario.BalancerKilled)
        {
            await _haproxy[holder.Name].StopAsync();
            var since = DateTimeOffset.UtcNow;
            _haproxy[holder.Name] = await ReferenceDaemons.StartHaproxyAsync(holder, GuideFiles.HaproxyCfg(), lab.Directory, ct);
            // Healthy again once keepalived's track script has passed on this node since the restart.
            var keepalived = _keepalived[holder.Name];
            await Wait.UntilAsync(
                () => keepalived.Output.Any(l => l.At >= since && l.Text.Contains("chk_haproxy", StringComparison.Ordinal) && l.Text.Contains("succeeded", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(20), $"keepalived on {holder.Name} to see its HAProxy again", ct);
        }
        else
        {
            await _keepalived[holder.Name].StopAsync();
            await StartKeepalivedAsync(holder, ct);
        }
    }

    public async Task StopAsync()
    {
        foreach (var p in _keepalived.Values.Concat(_haproxy.Values))
        {
            await p.StopAsync();
        }

        _keepalived.Clear();
        _haproxy.Clear();
    }

    private async Task StartKeepalivedAsync(LabHost lb, CancellationToken ct)
    {
        var lab = _lab!;
        var v = _variant!;
        var conf = GuideFiles.KeepalivedConf(lb.Address, lab.Peer(lb).Address, ReferenceDaemons.TrackScript,
            v.AdvertInt.ToString(CultureInfo.InvariantCulture), v.Version);
        var p = await ReferenceDaemons.StartKeepalivedAsync(lb, conf, lab.Directory, ct);
        await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
        if (p.HasExited)
        {
            throw new DaemonExitedException(p);
        }

        _keepalived[lb.Name] = p;
    }
}
