using System.Net;

namespace HaKube.NetLab.Tests;

public sealed class LabTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static async Task<bool> PingsAsync(LabHost from, IPAddress to)
        => (await from.RunAsync(["ping", "-c", "1", "-W", "1", to.ToString()])).Succeeded;

    /// <summary>
    /// Waits (bounded) until <paramref name="from"/> pings <paramref name="to"/>: a first ping also resolves the
    /// neighbour, which on a loaded machine may take longer than ping's one second.
    /// </summary>
    private static Task ReachesAsync(LabHost from, IPAddress to)
        => Wait.UntilAsync(_ => PingsAsync(from, to), Bound, $"{from.Name} to ping {to}");

    [Fact]
    public async Task ThreeHosts_PingEachOther_OverIPv4AndIPv6()
    {
        await using var lab = await Lab.CreateAsync();
        var hosts = new[] { await lab.AddHostAsync("a"), await lab.AddHostAsync("b"), await lab.AddHostAsync("c") };

        foreach (var from in hosts)
        {
            foreach (var to in hosts.Where(h => h != from))
            {
                await ReachesAsync(from, to.Address);
                await ReachesAsync(from, to.Address6!);
            }
        }
    }

    [Fact]
    public async Task Hosts_HaveFixedMacs_AndAddressesFromTheBenchmarkingRange()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var b = await lab.AddHostAsync("b");

        Assert.Equal(IPAddress.Parse("198.18.0.1"), a.Address);
        Assert.Equal(IPAddress.Parse("198.18.0.2"), b.Address);
        var link = (await b.RunCheckedAsync(["cat", "/sys/class/net/eth0/address"])).StandardOutput.Trim();
        Assert.Equal("02:48:4b:00:00:02", link);
        await ReachesAsync(a, b.Address);
        Assert.Equal("02:48:4b:00:00:02", await a.NeighbourMacAsync(b.Address));
    }

    [Fact]
    public async Task AddHost_OutsideBenchmarkingRange_IsRefused()
    {
        await using var lab = await Lab.CreateAsync();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => lab.AddHostAsync("x", new HostOptions { Address = IPAddress.Parse("172.16.0.2") }));
        Assert.Contains("198.18.0.0/15", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHost_PrefixReachingOutsideTheRange_IsRefused()
    {
        await using var lab = await Lab.CreateAsync();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => lab.AddHostAsync("x", new HostOptions { PrefixLength = 8 }));
        Assert.Contains("prefix length 8 is outside 15..32", e.Message, StringComparison.Ordinal);
        Assert.Empty(lab.Hosts);
    }

    [Fact]
    public async Task CutLink_StopsPingAndDropsCarrier_RestoreBringsBothBack()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var b = await lab.AddHostAsync("b");
        await ReachesAsync(a, b.Address);

        await b.CutLinkAsync();
        Assert.False(await PingsAsync(a, b.Address));
        Assert.Equal("0", (await b.ReadFileAsync("/sys/class/net/eth0/carrier")).Trim());

        await b.RestoreLinkAsync();
        await Wait.UntilAsync(_ => PingsAsync(a, b.Address), Bound, "ping after the link is restored");
        Assert.Equal("1", (await b.ReadFileAsync("/sys/class/net/eth0/carrier")).Trim());
    }

    [Fact]
    public async Task Drop_AllIcmp_StopsPing_ClearRestoresIt_LinkStaysUp()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var b = await lab.AddHostAsync("b");

        await b.DropAsync(protocol: 1, percent: 100, TrafficDirection.Inbound);
        Assert.False(await PingsAsync(a, b.Address));
        Assert.Equal("1", (await b.ReadFileAsync("/sys/class/net/eth0/carrier")).Trim());

        await b.ClearDropsAsync();
        await ReachesAsync(a, b.Address);
        await b.ClearDropsAsync(); // idempotent
    }

    [Fact]
    public async Task Drop_AShare_LosesSomeButNotAllPackets()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var b = await lab.AddHostAsync("b");
        await b.DropAsync(protocol: 1, percent: 50, TrafficDirection.Inbound);

        // 200 pings at 5 ms: P(all pass or all fail) at 50 % is 2^-199.
        var result = await a.RunAsync(["ping", "-q", "-c", "200", "-i", "0.005", "-W", "1", b.Address.ToString()], timeout: TimeSpan.FromSeconds(30));
        var summary = result.StandardOutput.Split('\n').First(l => l.Contains("packets transmitted", StringComparison.Ordinal));
        var received = int.Parse(summary.Split(',')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(received, 1, 199);
    }

    [Fact]
    public async Task PrivateEtc_IsHiddenFromOtherHostsAndTheMachine()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a", new HostOptions { PrivateDirectories = HostOptions.MachineLike });
        var b = await lab.AddHostAsync("b", new HostOptions { PrivateDirectories = HostOptions.MachineLike });
        var c = await lab.AddHostAsync("c");
        var file = $"/etc/hakube-netlab-test-{lab.Name}";

        await a.WriteFileAsync(file, "only on a\n");

        Assert.Equal("only on a\n", await a.ReadFileAsync(file));
        Assert.False((await b.RunAsync(["test", "-e", file])).Succeeded, "host b sees a's private /etc file");
        Assert.False((await c.RunAsync(["test", "-e", file])).Succeeded, "host c sees a's private /etc file");
        Assert.False(File.Exists(file), "the machine sees a's private /etc file");
        // Copy-on-write: the machine's own /etc is still visible inside.
        Assert.True((await a.RunAsync(["test", "-e", "/etc/os-release"])).Succeeded);
        // /run starts empty and is private too.
        await a.WriteFileAsync("/run/marker", "a");
        Assert.False((await b.RunAsync(["test", "-e", "/run/marker"])).Succeeded);
    }

    [Fact]
    public async Task SharedDirectory_UnderAPrivateTmp_IsSeenAtItsOwnPath()
    {
        var shared = Directory.CreateTempSubdirectory("hakube-netlab-shared-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(shared.FullName, "tool"), "from the machine\n");
            await using var lab = await Lab.CreateAsync();
            var a = await lab.AddHostAsync("a", new HostOptions { PrivateDirectories = HostOptions.MachineLike, SharedDirectories = [shared.FullName] });

            // /tmp is private and empty in a, yet the shared directory under it is there, and writes go through.
            Assert.Equal("from the machine\n", await a.ReadFileAsync(Path.Combine(shared.FullName, "tool")));
            Assert.Equal(shared.FullName, (await a.RunCheckedAsync(["sh", "-c", "ls -d /tmp/*"])).StandardOutput.Trim());
            await a.WriteFileAsync(Path.Combine(shared.FullName, "written-by-a"), "a\n");
            Assert.True(File.Exists(Path.Combine(shared.FullName, "written-by-a")));
        }
        finally
        {
            shared.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sys_ShowsTheHostsOwnInterfaces()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var names = (await a.RunCheckedAsync(["ls", "/sys/class/net"])).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["eth0", "lo"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_KeepsThePid_CapturesOutput_AndStopEndsTheWholeGroup()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");

        // The shell prints the PID of a grandchild, then waits.
        var p = a.Start(["sh", "-c", "echo shell=$$; sleep 300 & echo child=$!; wait"]);
        var shellLine = await p.WaitForOutputAsync(l => l.StartsWith("shell=", StringComparison.Ordinal), Bound);
        var childLine = await p.WaitForOutputAsync(l => l.StartsWith("child=", StringComparison.Ordinal), Bound);
        Assert.Equal(p.Pid, int.Parse(shellLine["shell=".Length..], System.Globalization.CultureInfo.InvariantCulture));
        var child = int.Parse(childLine["child=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ProcFs.IsRunning(child));
        Assert.Equal(ProcFs.NetNamespaceInode(p.Pid), ProcFs.NetNamespaceInode(child));
        Assert.NotEqual(ProcFs.NetNamespaceInode(Environment.ProcessId), ProcFs.NetNamespaceInode(p.Pid));

        await p.StopAsync(TimeSpan.FromSeconds(5));

        Assert.True(p.HasExited);
        await Wait.UntilAsync(() => !ProcFs.IsRunning(child), Bound, "the grandchild to die with its group");
    }

    [Fact]
    public async Task InNamespace_SocketsBelongToTheHost()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var b = await lab.AddHostAsync("b");
        using var listener = await b.InNamespaceAsync(() =>
        {
            var l = new System.Net.Sockets.TcpListener(b.Address, 7000);
            l.Start();
            return l;
        });

        // The listener lives in b: a reaches it over the lab network, and the machine does not have b's address.
        var accept = listener.AcceptTcpClientAsync();
        using var client = await a.InNamespaceAsync(() => new System.Net.Sockets.TcpClient());
        await client.ConnectAsync(b.Address, 7000);
        using var accepted = await accept;
        Assert.Equal(a.Address, ((IPEndPoint)accepted.Client.RemoteEndPoint!).Address);
        Assert.DoesNotContain(System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses), u => u.Address.Equals(b.Address));
    }

    [Fact]
    public async Task Dispose_Twice_AndThroughTheLab_IsHarmless()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var p = a.Start(["sh", "-c", "exit 7"]);
        Assert.Equal(7, await p.WaitForExitAsync(Bound));

        await p.DisposeAsync();
        await p.DisposeAsync();

        Assert.True(p.HasExited);
        Assert.Equal(7, p.ExitCode);
        Assert.Equal(7, await p.WaitForExitAsync(Bound));
        await p.StopAsync();
        // The lab disposes it once more on its own dispose (the using above): no exception either.
    }

    [Fact]
    public async Task WaitForOutput_ProcessExitsWithoutTheLine_FailsWithTheOutput()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var p = a.Start(["sh", "-c", "echo something else; exit 3"]);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => p.WaitForOutputAsync(l => l == "never", Bound));
        Assert.Contains("something else", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, await p.WaitForExitAsync(Bound));
    }
}
