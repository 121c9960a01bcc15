using System.Net;
using HaKube.Bench.Fixtures;
using HaKube.NetLab;

namespace HaKube.Bench.Failover;

/// <summary>
/// HaKube: vrrpd and tcplb on lb1 and lb2 in the recommended setup: native files (docs/vrrpd-config.md,
/// docs/tcplb-config.md), vrrpd following tcplb through its readiness stream on the admin socket.
/// </summary>
internal sealed class HaKubeSystem(string tcplbPath, string vrrpdPath) : IFailoverSystem
{
    private readonly Dictionary<string, LabProcess> _tcplb = [];
    private readonly Dictionary<string, LabProcess> _vrrpd = [];
    private FailoverLab? _lab;
    private FailoverVariant? _variant;

    public string Name => "HaKube (vrrpd + tcplb)";

    public async Task StartAsync(FailoverLab lab, FailoverVariant variant, CancellationToken ct)
    {
        foreach (var binary in new[] { tcplbPath, vrrpdPath })
        {
            if (!File.Exists(binary))
            {
                throw new DaemonExitedException($"{binary} does not exist (scripts/build.sh did not publish it)");
            }
        }

        _lab = lab;
        _variant = variant;
        foreach (var lb in new[] { lab.Lb1, lab.Lb2 })
        {
            await StartTcplbAsync(lb, ct);
        }

        foreach (var lb in new[] { lab.Lb1, lab.Lb2 })
        {
            await StartVrrpdAsync(lb, ct);
        }
    }

    public async Task InjectAsync(FailoverScenario scenario, LabHost holder, CancellationToken ct)
    {
        switch (scenario)
        {
            case FailoverScenario.BalancerKilled:
                _tcplb[holder.Name].Signal(9);
                break;
            case FailoverScenario.VrrpKilled:
                await _vrrpd[holder.Name].KillAsync();
                break;
            case FailoverScenario.VrrpStopped:
                _vrrpd[holder.Name].Signal(15);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "not a load-balancer node fault");
        }
    }

    public async Task RestoreAsync(FailoverScenario scenario, LabHost holder, CancellationToken ct)
    {
        if (scenario == FailoverScenario.BalancerKilled)
        {
            await _tcplb[holder.Name].StopAsync();
            await StartTcplbAsync(holder, ct);
        }
        else
        {
            await _vrrpd[holder.Name].StopAsync();
            await StartVrrpdAsync(holder, ct);
        }
    }

    public async Task StopAsync()
    {
        foreach (var p in _vrrpd.Values.Concat(_tcplb.Values))
        {
            await p.StopAsync();
        }

        _vrrpd.Clear();
        _tcplb.Clear();
    }

    private string RunDirectory(LabHost lb, string daemon) => Path.Combine(_lab!.Directory, $"{daemon}-{lb.Name}-run");

    private async Task StartTcplbAsync(LabHost lb, CancellationToken ct)
    {
        var run = RunDirectory(lb, "tcplb");
        Directory.CreateDirectory(run);
        var file = Path.Combine(_lab!.Directory, $"tcplb-{lb.Name}.json");
        await File.WriteAllTextAsync(file, NativeConfigs.Tcplb(runDirectory: run), ct);
        var p = lb.Start([Path.GetFullPath(tcplbPath), "-f", file, "--run-dir", run]);
        try
        {
            await Net.WaitListeningAsync(_lab.Client, new IPEndPoint(lb.Address, NginxBackend.Port), p, TimeSpan.FromSeconds(20), ct);
        }
        catch
        {
            await p.StopAsync();
            throw;
        }

        _tcplb[lb.Name] = p;
    }

    private async Task StartVrrpdAsync(LabHost lb, CancellationToken ct)
    {
        var lab = _lab!;
        var v = _variant!;
        var file = Path.Combine(lab.Directory, $"vrrpd-{lb.Name}.json");
        var admin = Path.Combine(RunDirectory(lb, "tcplb"), "admin.sock");
        await File.WriteAllTextAsync(file, NativeConfigs.Vrrpd(lb.Address.ToString(), lab.Peer(lb).Address.ToString(), admin, v.AdvertInt, v.Version), ct);
        var p = lb.Start([Path.GetFullPath(vrrpdPath), "-f", file, "--run-dir", RunDirectory(lb, "vrrpd")]);
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        if (p.HasExited)
        {
            throw new DaemonExitedException(p);
        }

        _vrrpd[lb.Name] = p;
    }
}
