using System.Net;
using HaKube.Bench.Fixtures;
using HaKube.NetLab;

namespace HaKube.Bench.Failover;

/// <summary>
/// The guide's topology as lab hosts: lb1 198.18.0.2 and lb2 .3 (private /run, /etc, /var/lib, /usr/local/bin), three
/// masters .4–.6 running nginx as TLS apiservers, a client .20, the VIP .10. Daemons on lb1/lb2 belong to the system
/// under test; the masters, the VIP monitor and the certificate are shared by every system.
/// </summary>
internal sealed class FailoverLab : IAsyncDisposable
{
    public static readonly IPAddress Vip = IPAddress.Parse("198.18.0.10");

    private readonly HaKube.NetLab.Lab _lab;
    private readonly LabProcess?[] _nginx = new LabProcess?[3];

    private FailoverLab(HaKube.NetLab.Lab lab, LabHost client, LabHost lb1, LabHost lb2, IReadOnlyList<LabHost> masters, BenchCertificate cert, string dir, string root, VipMonitor monitor)
    {
        _lab = lab;
        Client = client;
        Lb1 = lb1;
        Lb2 = lb2;
        Masters = masters;
        Certificate = cert;
        Directory = dir;
        DocumentRoot = root;
        Monitor = monitor;
    }

    public LabHost Client { get; }

    public LabHost Lb1 { get; }

    public LabHost Lb2 { get; }

    public IReadOnlyList<LabHost> Masters { get; }

    public BenchCertificate Certificate { get; }

    /// <summary>Scratch files of this lab (configs, run directories), removed with it.</summary>
    public string Directory { get; }

    private string DocumentRoot { get; }

    public VipMonitor Monitor { get; }

    public IPEndPoint VipEndpoint => new(Vip, NginxBackend.Port);

    /// <summary>The other load balancer.</summary>
    public LabHost Peer(LabHost lb) => lb == Lb1 ? Lb2 : Lb1;

    public static async Task<FailoverLab> CreateAsync(CancellationToken ct)
    {
        var lab = await HaKube.NetLab.Lab.CreateAsync(ct);
        try
        {
            var client = await lab.AddHostAsync("client", new HostOptions { Address = IPAddress.Parse("198.18.0.20"), IPv6 = false }, ct);
            var lb1 = await lab.AddHostAsync("lb1", new HostOptions { Address = IPAddress.Parse("198.18.0.2"), IPv6 = false, PrivateDirectories = HostOptions.MachineLike }, ct);
            var lb2 = await lab.AddHostAsync("lb2", new HostOptions { Address = IPAddress.Parse("198.18.0.3"), IPv6 = false, PrivateDirectories = HostOptions.MachineLike }, ct);
            var masters = new List<LabHost>();
            for (var i = 1; i <= 3; i++)
            {
                masters.Add(await lab.AddHostAsync($"master{i}", new HostOptions { Address = IPAddress.Parse($"198.18.0.{3 + i}"), IPv6 = false }, ct));
            }

            var dir = Path.Combine(lab.DataDirectory, "bench");
            var cert = await BenchCertificate.CreateAsync(client, dir, ct);
            var root = Path.Combine(dir, "www");
            System.IO.Directory.CreateDirectory(root);
            var monitor = await VipMonitor.StartAsync(Vip, [lb1, lb2], ct);
            var fl = new FailoverLab(lab, client, lb1, lb2, masters, cert, dir, root, monitor);
            for (var i = 0; i < 3; i++)
            {
                await fl.StartMasterAsync(i, ct);
            }

            return fl;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (again) the apiserver stand-in, nginx, on master <paramref name="index"/> (0-based).</summary>
    public async Task StartMasterAsync(int index, CancellationToken ct)
    {
        if (_nginx[index] is { } old)
        {
            await old.StopAsync();
        }

        _nginx[index] = await NginxBackend.StartAsync(Masters[index], Client, Certificate, DocumentRoot, Directory, ct);
    }

    /// <summary>Kills master <paramref name="index"/>'s nginx (master and workers) with SIGKILL.</summary>
    public Task KillMasterAsync(int index) => _nginx[index]?.KillAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Monitor.DisposeAsync();
        await _lab.DisposeAsync();
    }
}
