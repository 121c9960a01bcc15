using System.Globalization;
using System.Net;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// The shipped vrrpd.service, unchanged, under a real systemd (PID 1 of each lab host) with the shipped Native AOT
/// binary, on the guide's lb1/lb2 pair: the hardening leaves vrrpd able to add and remove the VIP, systemctl status
/// follows the state, and after SIGKILL the unit's ExecStopPost (vrrpd --release) takes the VIP off the dead node and
/// hands it over at once, while Restart=on-failure brings vrrpd back as backup (issue 3, points 4 and 9).
/// </summary>
public sealed class SystemdServiceTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("198.18.0.100");

    [Fact]
    public async Task ShippedUnit_UnderSystemd_SigkillReleasesTheVipAtOnce_RestartRejoinsAsBackup_NeverTwoHolders()
    {
        await using var lab = await Lab.CreateAsync();
        var options = new HostOptions { IPv6 = false, PrivateDirectories = HostOptions.MachineLike };
        var hosts = new[] { await lab.AddHostAsync("lb1", options), await lab.AddHostAsync("lb2", options) };
        var binary = PublishedBinaries.Require("vrrpd");
        var nodes = new List<LabSystemd>();
        try
        {
            foreach (var host in hosts)
            {
                var peer = hosts.Single(h => h != host);
                var systemd = await LabSystemd.BootAsync(host);
                nodes.Add(systemd);
                await systemd.InstallAsync(binary, "/usr/local/sbin/vrrpd");
                await systemd.InstallAsync(PublishedBinaries.Unit("vrrpd.service"), "/etc/systemd/system/vrrpd.service", "0644");
                await systemd.WriteFileAsync("/etc/vrrpd/vrrpd.conf", new GuideConfig { Self = host.Address, Peer = peer.Address, Vip = "198.18.0.100/24" }.Render());
            }

            foreach (var systemd in nodes)
            {
                var start = await systemd.SystemctlAsync("enable", "--now", "vrrpd.service");
                Assert.True(start.Succeeded, start.StandardError);
            }

            await using var watch = HolderWatch.Start(hosts);
            var first = await SingleMasterAsync(nodes);
            var second = nodes.Single(n => n != first);
            Assert.Equal("haproxy-vip: Master", await first.PropertyAsync("vrrpd.service", "StatusText"));
            Assert.Equal("haproxy-vip: Backup", await second.PropertyAsync("vrrpd.service", "StatusText"));

            // systemctl reload (ExecReload, SIGHUP) with the file unchanged: the master keeps its state and the VIP.
            var reload = await first.SystemctlAsync("reload", "vrrpd.service");
            Assert.True(reload.Succeeded, reload.StandardError);
            await Wait.UntilAsync(async _ => (await first.JournalAsync("vrrpd.service")).Contains("reloaded: 1 instance(s) unchanged", StringComparison.Ordinal),
                Bounds.Cli, "vrrpd to log the reload");
            Assert.Equal("haproxy-vip: Master", await first.PropertyAsync("vrrpd.service", "StatusText"));
            Assert.Equal([first.Host], await HoldersAsync(hosts));

            // SIGKILL: no priority-0 advert from vrrpd itself, no VIP removal. ExecStopPost does both.
            var pid = await first.PropertyAsync("vrrpd.service", "MainPID");
            await first.RunCheckedAsync(["kill", "-KILL", pid]);
            await SingleMasterAsync(nodes, expected: second);
            var released = await first.JournalAsync("vrrpd.service");
            Assert.True(released.Contains("released 198.18.0.100/24", StringComparison.Ordinal), released);
            Assert.True(released.Contains("resigned haproxy-vip: priority-0 advert sent", StringComparison.Ordinal), released);
            // The backup took over on that advert, not after Master_Down_Interval.
            Assert.Contains("Backup -> Master (PriorityZeroReceived)", await second.JournalAsync("vrrpd.service"), StringComparison.Ordinal);

            // Restart=on-failure: vrrpd comes back and stays backup beside the new master (equal priority, no preemption).
            await Wait.UntilAsync(
                async _ => await first.PropertyAsync("vrrpd.service", "NRestarts") == "1" && await first.PropertyAsync("vrrpd.service", "StatusText") == "haproxy-vip: Backup",
                Bounds.Election, "systemd to restart the killed vrrpd, and vrrpd to rejoin as backup");
            Assert.NotEqual(pid, await first.PropertyAsync("vrrpd.service", "MainPID"));
            await SingleMasterAsync(nodes, expected: second);

            // systemctl stop on the master: it resigns itself (SIGTERM), the other takes the VIP back.
            var stop = await second.SystemctlAsync("stop", "vrrpd.service");
            Assert.True(stop.Succeeded, stop.StandardError);
            Assert.Equal("success", await second.PropertyAsync("vrrpd.service", "Result"));
            await Wait.UntilAsync(async _ => await HoldersAsync(hosts) is [var only] && only == first.Host, Bounds.Election, "the VIP back on the first master");
            Assert.Equal("haproxy-vip: Master", await first.PropertyAsync("vrrpd.service", "StatusText"));

            Assert.Empty(watch.Overlaps);
            Assert.True(watch.Samples > 10, $"only {watch.Samples} samples of the VIP holders");
        }
        finally
        {
            foreach (var systemd in nodes)
            {
                await systemd.DisposeAsync();
            }
        }

        // Powering off stopped vrrpd on the last master too: no VIP anywhere.
        Assert.Empty(await HoldersAsync(hosts));
    }

    /// <summary>
    /// The recommended node: tcplb.service and vrrpd.service side by side, vrrpd following tcplb through its pid file
    /// and its readiness stream (docs/vrrpd-config.md's native example). tcplb runs as a transient user; vrrpd, as root
    /// without CAP_DAC_OVERRIDE, must still be able to read that pid file and connect to that admin socket.
    /// </summary>
    [Fact]
    public async Task ShippedUnits_VrrpdFollowsTcplbOnTheSameNode_TakesTheVip_AndResignsWhenTcplbStops()
    {
        await using var lab = await Lab.CreateAsync();
        var host = await lab.AddHostAsync("lb", new HostOptions { IPv6 = false, PrivateDirectories = HostOptions.MachineLike });
        await using var systemd = await LabSystemd.BootAsync(host);
        await systemd.InstallAsync(PublishedBinaries.Require("vrrpd"), "/usr/local/sbin/vrrpd");
        await systemd.InstallAsync(PublishedBinaries.Require("tcplb"), "/usr/local/bin/tcplb");
        foreach (var unit in new[] { "vrrpd.service", "tcplb.service", "tcplb.socket" })
        {
            await systemd.InstallAsync(PublishedBinaries.Unit(unit), "/etc/systemd/system/" + unit, "0644");
        }

        // One apiserver nobody answers for: tcplb runs with no healthy backend, which costs the instance 50 of its 100.
        await systemd.WriteFileAsync("/etc/hakube/tcplb.cfg", """
            defaults
              mode tcp
              timeout connect 1s
              timeout client 50s
              timeout server 50s
            frontend kube-apiserver
              bind *:6443
              default_backend kube-apiserver
            backend kube-apiserver
              server master1 198.18.0.50:6443 check inter 1s
            """);
        await systemd.WriteFileAsync("/etc/vrrpd/vrrpd.conf", $$"""
            {
              "global": { "vrrpVersion": 3 },
              "trackProcesses": [ { "name": "tcplb-process", "pidFile": "/run/tcplb/tcplb.pid", "weight": 0 } ],
              "trackTcplb": [ { "name": "tcplb", "adminSocket": "/run/tcplb/admin.sock", "noHealthyBackendWeight": -50, "faultWhenGone": true } ],
              "instances": [
                {
                  "name": "apiserver-vip",
                  "interface": "eth0",
                  "virtualRouterId": 60,
                  "priority": 100,
                  "advertInt": 0.1,
                  "unicastSrcIp": "{{host.Address}}",
                  "unicastPeers": ["198.18.0.99"],
                  "virtualAddresses": [ { "address": "198.18.0.100", "prefixLength": 24, "device": "eth0", "label": "eth0:vip" } ],
                  "trackProcesses": [ { "name": "tcplb-process" } ],
                  "trackTcplb": [ { "name": "tcplb" } ]
                }
              ]
            }
            """);

        var start = await systemd.SystemctlAsync("enable", "--now", "tcplb.socket", "tcplb.service", "vrrpd.service");
        Assert.True(start.Succeeded, start.StandardError);

        try
        {
            await Wait.UntilAsync(
                async c => await host.HasAddressAsync(Vip, c) && await systemd.PropertyAsync("vrrpd.service", "StatusText") == "apiserver-vip: Master",
                Bounds.Election, "vrrpd to take the VIP beside a running tcplb");
        }
        catch (TimeoutException e)
        {
            var vrrpdPid = await systemd.PropertyAsync("vrrpd.service", "MainPID");
            var views = (await systemd.RunAsync(["sh", "-c", $"ls -la /run/tcplb; echo '-- as vrrpd sees it:'; nsenter -t {vrrpdPid} -m ls -la /run/tcplb"])).StandardOutput;
            throw new TimeoutException($"{e.Message}\n{views}\n{await systemd.JournalAsync("vrrpd.service")}\n{await systemd.JournalAsync("tcplb.service")}", e);
        }
        // The readiness stream carries tcplb's view: once its checks mark the one apiserver down (servers start up, as
        // in HAProxy), no healthy backend costs the instance 50, and it stays master alone.
        await WaitForPriorityAsync(systemd, 50, "tcplb's 'no healthy backend' to lower the priority");
        Assert.True(await host.HasAddressAsync(Vip));

        // tcplb stops: the readiness stream ends and the process is gone, so vrrpd resigns and removes the VIP.
        var stop = await systemd.SystemctlAsync("stop", "tcplb.service", "tcplb.socket");
        Assert.True(stop.Succeeded, stop.StandardError);
        await Wait.UntilAsync(async c => !await host.HasAddressAsync(Vip, c), Bounds.Election, "vrrpd to give the VIP up once tcplb stopped");
        Assert.Equal("apiserver-vip: Fault", await systemd.PropertyAsync("vrrpd.service", "StatusText"));
    }

    /// <summary>
    /// Moving over from Keepalived without touching the file: the guide's keepalived.conf (lab addresses), its track
    /// script "killall -0 haproxy" as written, under the shipped unit, beside Debian's own haproxy.service. In the
    /// host's PID namespace killall sees this node's HAProxy only, as on a real node; the script runs under the unit's
    /// confinement (no CAP_DAC_OVERRIDE, a system-call filter) and adds its weight while HAProxy runs.
    /// </summary>
    [Fact]
    public async Task GuideKeepalivedConf_UnderTheShippedUnit_ItsKillallTrackScriptFollowsHaproxyService()
    {
        await using var lab = await Lab.CreateAsync();
        var host = await lab.AddHostAsync("lb", new HostOptions { IPv6 = false, PrivateDirectories = HostOptions.MachineLike });
        await using var systemd = await LabSystemd.BootAsync(host);
        await systemd.InstallAsync(PublishedBinaries.Require("vrrpd"), "/usr/local/sbin/vrrpd");
        await systemd.InstallAsync(PublishedBinaries.Unit("vrrpd.service"), "/etc/systemd/system/vrrpd.service", "0644");
        var guide = new GuideConfig { Self = host.Address, Peer = IPAddress.Parse("198.18.0.99"), Vip = "198.18.0.100/24", TrackScript = "killall -0 haproxy" };
        await systemd.WriteFileAsync("/etc/vrrpd/vrrpd.conf", guide.Render());

        var haproxy = await systemd.SystemctlAsync("start", "haproxy.service");
        Assert.True(haproxy.Succeeded, haproxy.StandardError + await systemd.JournalAsync("haproxy.service"));
        var start = await systemd.SystemctlAsync("start", "vrrpd.service");
        Assert.True(start.Succeeded, start.StandardError);

        // weight 2 while the script succeeds: 100 + 2.
        await WaitForPriorityAsync(systemd, 102, "the track script to see haproxy");
        await Wait.UntilAsync(async c => await host.HasAddressAsync(Vip, c), Bounds.Election, "vrrpd to take the VIP");

        var stop = await systemd.SystemctlAsync("stop", "haproxy.service");
        Assert.True(stop.Succeeded, stop.StandardError);
        await WaitForPriorityAsync(systemd, 100, "the track script to miss haproxy");
    }

    private static async Task WaitForPriorityAsync(LabSystemd systemd, int priority, string what)
    {
        try
        {
            await Wait.UntilAsync(
                async c =>
                {
                    var reply = await systemd.RunAsync(["vrrpd", "status", "--json"], ct: c);
                    if (!reply.Succeeded)
                    {
                        return false;
                    }

                    using var status = System.Text.Json.JsonDocument.Parse(reply.StandardOutput);
                    return status.RootElement.GetProperty("instances")[0].GetProperty("effectivePriority").GetInt32() == priority;
                },
                Bounds.Election, $"{what} (effective priority {priority})");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await systemd.JournalAsync("vrrpd.service")}", e);
        }
    }

    /// <summary>The node (<paramref name="expected"/> if given) whose host alone holds the VIP while its vrrpd says Master (and the other's says Backup).</summary>
    private static async Task<LabSystemd> SingleMasterAsync(IReadOnlyList<LabSystemd> nodes, LabSystemd? expected = null)
    {
        LabSystemd? master = null;
        await Wait.UntilAsync(
            async _ =>
            {
                var holders = await HoldersAsync(nodes.Select(n => n.Host));
                if (holders is not [var holder])
                {
                    return false;
                }

                var candidate = nodes.Single(n => n.Host == holder);
                if (expected is not null && candidate != expected)
                {
                    return false;
                }

                var other = nodes.Single(n => n != candidate);
                master = await candidate.PropertyAsync("vrrpd.service", "StatusText") == "haproxy-vip: Master"
                    && await other.PropertyAsync("vrrpd.service", "StatusText") is "haproxy-vip: Backup" or ""
                    ? candidate
                    : null;
                return master is not null;
            },
            Bounds.Election, expected is null ? "one node alone holding the VIP as master" : $"{expected.Host.Name} alone holding the VIP as master");
        return master!;
    }

    private static async Task<IReadOnlyList<LabHost>> HoldersAsync(IEnumerable<LabHost> hosts)
    {
        var holders = new List<LabHost>();
        foreach (var host in hosts)
        {
            if (await host.HasAddressAsync(Vip))
            {
                holders.Add(host);
            }
        }

        return holders;
    }

    /// <summary>Samples both hosts' addresses until disposed and records every moment both held the VIP (the first host read again after the second).</summary>
    private sealed class HolderWatch : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _overlaps = [];
        private Task _loop = Task.CompletedTask;
        private int _samples;

        public IReadOnlyList<string> Overlaps
        {
            get
            {
                lock (_overlaps)
                {
                    return [.. _overlaps];
                }
            }
        }

        public int Samples => Volatile.Read(ref _samples);

        public static HolderWatch Start(IReadOnlyList<LabHost> hosts)
        {
            var watch = new HolderWatch();
            watch._loop = watch.RunAsync(hosts);
            return watch;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }

        private async Task RunAsync(IReadOnlyList<LabHost> hosts)
        {
            // Bounded: at most one sample per ~10 ms for 5 minutes, far beyond the test's own bounds.
            for (var i = 0; i < 30_000 && !_stop.IsCancellationRequested; i++)
            {
                // HoldersAsync reads the hosts one after the other, an ip process apart: a handover from the first to
                // the second between the two reads looks like two holders. It counts when the first still holds after
                // the second was read, so that both held at that read.
                if ((await HoldersAsync(hosts)).Count > 1 && await hosts[0].HasAddressAsync(Vip))
                {
                    lock (_overlaps)
                    {
                        _overlaps.Add(DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
                    }
                }

                Interlocked.Increment(ref _samples);
                await Task.Delay(10, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
