using System.Globalization;

namespace HaKube.NetLab.Tests;

public sealed class CleanupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static IEnumerable<string> NetnsNames()
        => Directory.Exists("/run/netns") ? Directory.EnumerateFileSystemEntries("/run/netns").Select(p => Path.GetFileName(p)!) : [];

    private static bool MountedUnder(string path)
        => File.ReadAllLines("/proc/self/mountinfo").Any(l => l.Contains(path, StringComparison.Ordinal));

    [Fact]
    public async Task Dispose_LeavesNoNamespaceMountDirectoryOrProcess()
    {
        string name, runDir, dataDir;
        var pids = new List<int>();
        await using (var lab = await Lab.CreateAsync())
        {
            name = lab.Name;
            runDir = lab.RunDirectory;
            dataDir = lab.DataDirectory;
            var a = await lab.AddHostAsync("a", new HostOptions { PrivateDirectories = HostOptions.MachineLike });
            await lab.AddHostAsync("b");
            var tracked = a.Start(["sleep", "300"]);
            pids.Add(tracked.Pid);
            // A daemon that forks away from the process we started: only the namespace scan can find it.
            var forked = await a.RunCheckedAsync(["sh", "-c", "setsid sleep 300 >/dev/null 2>&1 < /dev/null & echo $!"]);
            pids.Add(int.Parse(forked.StandardOutput.Trim(), CultureInfo.InvariantCulture));
            Assert.All(pids, pid => Assert.True(ProcFs.IsRunning(pid)));
            Assert.Contains(NetnsNames(), n => n.StartsWith(name + "-", StringComparison.Ordinal));
            Assert.True(MountedUnder(runDir));
        }

        Assert.DoesNotContain(NetnsNames(), n => n.StartsWith(name + "-", StringComparison.Ordinal));
        await Wait.UntilAsync(() => pids.All(p => !ProcFs.IsRunning(p)), Bound, "the lab's processes to be gone");
        Assert.False(MountedUnder(runDir), $"{runDir} is still mounted");
        Assert.False(Directory.Exists(runDir));
        Assert.False(Directory.Exists(dataDir));
        // A lab's veths exist only inside its namespaces, so they went with them; scripts/test.sh checks the whole run.
    }

    [Fact]
    public async Task Sweep_RemovesAKilledRun_WithItsProcesses_AndSparesLiveRuns()
    {
        await using var live = await Lab.CreateAsync();
        await live.AddHostAsync("a");

        // A run that is killed mid-way: a shell creates namespaces named after its own PID the way a lab
        // does, starts a process inside, and is SIGKILLed.
        var script = """
            set -e
            lab=hakube-$$-1
            ip netns add $lab-h
            ip netns add $lab--bridge
            ip link add eth0 netns $lab-h type veth peer name p-h netns $lab--bridge
            mkdir -p /var/tmp/hakube-netlab/$lab
            ip netns exec $lab-h setsid sleep 300 >/dev/null 2>&1 < /dev/null &
            echo ready $$
            sleep 300
            """;
        var orphanRun = new System.Diagnostics.Process
        {
            StartInfo = new("bash", ["-c", script]) { RedirectStandardOutput = true, UseShellExecute = false },
        };
        orphanRun.Start();
        var ready = await orphanRun.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        Assert.NotNull(ready);
        var ownerPid = int.Parse(ready.Split(' ')[1], CultureInfo.InvariantCulture);
        var dead = LabNames.Lab(ownerPid, 1);
        await Wait.UntilAsync(() => LabSweeper.Processes(dead).Count == 1, Bound, "the killed run's process to start");
        var inside = LabSweeper.Processes(dead)[0];

        orphanRun.Kill();
        await orphanRun.WaitForExitAsync();
        orphanRun.Dispose();
        Assert.True(ProcFs.IsRunning(inside), "the process inside the killed run should outlive its owner");

        var removed = await LabSweeper.SweepAsync();

        Assert.Contains(dead, removed);
        Assert.DoesNotContain(live.Name, removed);
        Assert.DoesNotContain(NetnsNames(), n => n.StartsWith(dead + "-", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(LabNames.DataRoot, dead)));
        await Wait.UntilAsync(() => !ProcFs.IsRunning(inside), Bound, "the killed run's process to be killed");
        // The live run is untouched.
        Assert.True(await live.Hosts[0].HasAddressAsync(live.Hosts[0].Address));
    }
}
