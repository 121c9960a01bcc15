using System.Net;
using HaKube.NetLab;
using HaKube.Vrrpd.Tests.Integration;

namespace HaKube.Vrrpd.Tests.Interop;

/// <summary>The two wire dialects the guide's nodes can speak.</summary>
public enum InteropMode
{
    /// <summary>The guide's setup: VRRPv2, auth_type PASS auth_pass 1111, unicast_src_ip / unicast_peer.</summary>
    V2PassUnicast,

    /// <summary>vrrp_version 3 to 224.0.0.18, no unicast lines, no authentication.</summary>
    V3Multicast,

    /// <summary>VRRPv3 over IPv6: VIP 2001:2::100/64, adverts from the link-local address to ff02::12.</summary>
    V3IPv6Multicast,
}

/// <summary>
/// One vrrpd host and one Keepalived host on the same VRID 60 and VIP 198.18.0.100/24 (2001:2::100/64 over IPv6), each
/// with a keepalived.conf of the guide's shape (no track script: the priorities are set per test). Nothing is started.
/// </summary>
internal sealed class InteropPair : IAsyncDisposable
{
    public static readonly IPAddress Vip = GuidePair.Vip;

    public static readonly IPAddress Vip6 = IPAddress.Parse("2001:2::100");

    private InteropPair(Lab lab, VrrpdNode vrrpd, KeepalivedNode keepalived, InteropMode mode)
    {
        Lab = lab;
        Vrrpd = vrrpd;
        Keepalived = keepalived;
        Mode = mode;
    }

    public Lab Lab { get; }

    public VrrpdNode Vrrpd { get; }

    public KeepalivedNode Keepalived { get; }

    public InteropMode Mode { get; }

    /// <summary>The VIP of this mode's instance.</summary>
    public IPAddress VirtualAddress => Mode == InteropMode.V3IPv6Multicast ? Vip6 : Vip;

    /// <summary>vrrpd at 150 elected master, Keepalived at 100 backup.</summary>
    public static async Task<InteropPair> StartWithVrrpdMasterAsync(InteropMode mode)
    {
        var pair = await CreateAsync(mode, vrrpdPriority: 150, keepalivedPriority: 100);
        try
        {
            await pair.Vrrpd.StartDaemonAsync();
            await pair.Keepalived.StartAsync();
            await Wait.UntilAsync(_ => pair.VrrpdAloneMasterAsync(), Bounds.Election, "vrrpd alone master, Keepalived BACKUP");
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Keepalived at 150 elected master, vrrpd at 100 backup.</summary>
    public static async Task<InteropPair> StartWithKeepalivedMasterAsync(InteropMode mode)
    {
        var pair = await CreateAsync(mode, vrrpdPriority: 100, keepalivedPriority: 150);
        try
        {
            await pair.Keepalived.StartAsync();
            await pair.Keepalived.Daemon!.WaitForOutputAsync(l => l.Contains("Entering MASTER STATE", StringComparison.Ordinal), Bounds.Election);
            await pair.Vrrpd.StartDaemonAsync();
            await Wait.UntilAsync(_ => pair.KeepalivedAloneMasterAsync(), Bounds.Election, "Keepalived alone master, vrrpd Backup");
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <param name="mode">The dialect.</param>
    /// <param name="vrrpdPriority">vrrpd's priority.</param>
    /// <param name="keepalivedPriority">Keepalived's priority.</param>
    /// <param name="configure">Adjusts a file: (true for vrrpd's, the file).</param>
    public static async Task<InteropPair> CreateAsync(InteropMode mode, int vrrpdPriority, int keepalivedPriority, Func<bool, GuideConfig, GuideConfig>? configure = null)
    {
        var lab = await Lab.CreateAsync();
        try
        {
            var hosts = new HostOptions { IPv6 = mode == InteropMode.V3IPv6Multicast };
            var vrrpd = new VrrpdNode(await lab.AddHostAsync("vrrpd", hosts));
            var keepalived = new KeepalivedNode(await lab.AddHostAsync("keepalived", hosts));
            var vrrpdConfig = Config(mode, vrrpd.Host, keepalived.Host, vrrpdPriority);
            var keepalivedConfig = Config(mode, keepalived.Host, vrrpd.Host, keepalivedPriority);
            await vrrpd.WriteConfigAsync((configure?.Invoke(true, vrrpdConfig) ?? vrrpdConfig).Render());
            await keepalived.WriteConfigAsync((configure?.Invoke(false, keepalivedConfig) ?? keepalivedConfig).Render());
            return new InteropPair(lab, vrrpd, keepalived, mode);
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when vrrpd alone holds the VIP, says Master, and Keepalived's last state is BACKUP.</summary>
    public async Task<bool> VrrpdAloneMasterAsync()
        => await Vrrpd.HoldsAsync(VirtualAddress) && !await Keepalived.HoldsAsync(VirtualAddress)
            && await Vrrpd.StateAsync() == "Master" && Keepalived.State == "BACKUP";

    /// <summary>True when Keepalived alone holds the VIP and says MASTER while vrrpd says Backup.</summary>
    public async Task<bool> KeepalivedAloneMasterAsync()
        => await Keepalived.HoldsAsync(VirtualAddress) && !await Vrrpd.HoldsAsync(VirtualAddress)
            && Keepalived.State == "MASTER" && await Vrrpd.StateAsync() == "Backup";

    /// <summary>The address Keepalived's adverts come from: its IPv4 address, or its link-local one over IPv6 (RFC 5798 5.1.2.1).</summary>
    public async Task<string> KeepalivedSourceAsync()
    {
        if (Mode != InteropMode.V3IPv6Multicast)
        {
            return Keepalived.Host.Address.ToString();
        }

        var shown = await Keepalived.Host.RunCheckedAsync(["ip", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "link"]);
        return shown.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w != "inet6").Skip(1).First().Split('/')[0];
    }

    public ValueTask DisposeAsync() => Lab.DisposeAsync();

    private static GuideConfig Config(InteropMode mode, LabHost self, LabHost peer, int priority) => new()
    {
        Self = self.Address,
        Peer = peer.Address,
        Vip = mode == InteropMode.V3IPv6Multicast ? "2001:2::100/64" : "198.18.0.100/24",
        TrackScript = null,
        Priority = priority,
        Version = mode == InteropMode.V2PassUnicast ? 2 : 3,
        Multicast = mode != InteropMode.V2PassUnicast,
    };
}
