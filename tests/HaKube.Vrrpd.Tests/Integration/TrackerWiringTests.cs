using System.Globalization;
using System.Runtime.Versioning;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>The daemon runs the event-driven trackers and the notify scripts its file asks for (issue 3 points 6, 7).</summary>
[SupportedOSPlatform("linux")]
public sealed class TrackerWiringTests
{
    [Fact]
    public async Task TrackProcess_WeightZero_BalancerKilled_MasterFaultsAndPeerTakesOverAtOnce()
    {
        // vrrp_track_process by name: followed through a pidfd, so its death is seen at once (no script interval);
        // the search is limited to the daemon's own network namespace, so lb2's balancer does not count for lb1.
        await using var pair = await GuidePair.CreateAsync(configure: (_, c) => c with
        {
            TrackScript = null,
            ExtraBlocks = """
                vrrp_track_process chk_balancer {
                  process sleep
                  weight 0
                }


                """,
            ExtraInstanceLines = "  track_process {\n    chk_balancer\n  }\n",
        });
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);

        master.Balancer!.Signal(9);

        await Wait.UntilAsync(async _ => await backup.HoldsAsync(GuidePair.Vip) && !await master.HoldsAsync(GuidePair.Vip),
            Bounds.Immediate, $"{backup.Name} to hold the VIP alone right after {master.Name}'s balancer died");
        await Wait.UntilAsync(async _ => await master.StateAsync() == "Fault", Bounds.Immediate, $"{master.Name} to be in fault");
        var status = await master.StatusAsync();
        Assert.Contains(status.Instances.Single().Trackers, t => t.Name == "chk_balancer" && !t.Up);
    }

    [Fact]
    public async Task NotifyScripts_RunOnTransitions_WithKeepalivedArguments()
    {
        await using var pair = await GuidePair.CreateAsync(configure: (node, c) =>
        {
            var dir = Path.GetDirectoryName(node.CheckScript)!;
            return c with
            {
                TrackScript = null,
                ExtraInstanceLines = string.Create(CultureInfo.InvariantCulture, $"""
                      notify_master "{dir}/notify.sh master-only"
                      notify "{dir}/notify.sh"

                    """),
            };
        });
        foreach (var node in pair.Nodes)
        {
            var dir = Path.GetDirectoryName(node.CheckScript)!;
            await File.WriteAllTextAsync(Path.Combine(dir, "notify.sh"), $"#!/bin/sh\necho \"$*\" >> {dir}/notify.log\n");
            File.SetUnixFileMode(Path.Combine(dir, "notify.sh"), (UnixFileMode)0b111_101_101);
        }

        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);
        var masterLog = Path.Combine(Path.GetDirectoryName(master.CheckScript)!, "notify.log");
        var backupLog = Path.Combine(Path.GetDirectoryName(backup.CheckScript)!, "notify.log");

        await Wait.UntilAsync(() => File.Exists(masterLog) && File.ReadAllLines(masterLog).LastOrDefault() == "INSTANCE haproxy-vip MASTER 100",
            Bounds.Election, "the master's notify log to end with its generic MASTER notify");
        // Keepalived's order: the state's own script first, then the generic one.
        var lines = await File.ReadAllLinesAsync(masterLog);
        Assert.Equal("master-only", lines[^2]);
        // With equal priorities both may be master for a moment at start; what counts is how the backup ends.
        await Wait.UntilAsync(() => File.Exists(backupLog) && File.ReadAllLines(backupLog).LastOrDefault() == "INSTANCE haproxy-vip BACKUP 100",
            Bounds.Election, "the backup's notify log to end with its generic BACKUP notify");

        // A clean stop runs the generic notify with STOP.
        master.Daemon!.Signal(15);
        await master.Daemon.WaitForExitAsync(Bounds.Start);
        await Wait.UntilAsync(() => File.ReadAllLines(masterLog).Any(l => l.StartsWith("INSTANCE haproxy-vip STOP", StringComparison.Ordinal)),
            Bounds.Immediate, "the STOP notify");
    }

    [Fact]
    public async Task TrackScript_Hanging_MasterKeepsAdvertising_BackupNeverTakesOver()
    {
        // Track scripts run off the instance's loop: one that hangs for far longer than an advert interval (its
        // timeout is 25 s, advert_int 1 s) must not hold back a single advert.
        await using var pair = await GuidePair.CreateAsync(configure: (node, c) =>
        {
            var dir = Path.GetDirectoryName(node.CheckScript)!;
            return c with
            {
                TrackScript = null,
                ExtraBlocks = string.Create(CultureInfo.InvariantCulture, $$"""
                    vrrp_script chk_hang {
                      script "{{dir}}/hang.sh"
                      interval 1
                      timeout 25
                      weight 2
                    }


                    """),
                ExtraInstanceLines = "  track_script {\n    chk_hang\n  }\n",
            };
        });
        foreach (var node in pair.Nodes)
        {
            // Succeeds at once until the test creates "hang"; then records its pid and sleeps far past the timeout.
            var dir = Path.GetDirectoryName(node.CheckScript)!;
            await File.WriteAllTextAsync(Path.Combine(dir, "hang.sh"), $"#!/bin/sh\n[ -e {dir}/hang ] || exit 0\necho $$ > {dir}/hanging\nexec sleep 60\n");
            File.SetUnixFileMode(Path.Combine(dir, "hang.sh"), (UnixFileMode)0b111_101_101);
        }

        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);
        var masterDir = Path.GetDirectoryName(master.CheckScript)!;
        await File.WriteAllTextAsync(Path.Combine(masterDir, "hang"), "");
        var hanging = Path.Combine(masterDir, "hanging");
        await Wait.UntilAsync(() => File.Exists(hanging) && File.ReadAllText(hanging).EndsWith('\n'), Bounds.Election, $"{master.Name}'s track script to hang");
        var pid = int.Parse(File.ReadAllText(hanging), CultureInfo.InvariantCulture);
        var lastTransition = (await master.StatusAsync()).Instances.Single().LastTransition;
        var heard = (await backup.StatusAsync()).Instances.Single().AdvertsReceived;

        // Five more adverts reach the backup while the script still hangs.
        await Wait.UntilAsync(async _ => (await backup.StatusAsync()).Instances.Single().AdvertsReceived >= heard + 5, Bounds.Election, $"{backup.Name} to hear five more adverts");

        Assert.True(IsRunning(pid), "the track script still hangs");
        Assert.Equal("Backup", await backup.StateAsync());
        Assert.Equal("Master", await master.StateAsync());
        Assert.Equal(lastTransition, (await master.StatusAsync()).Instances.Single().LastTransition);
        Assert.Equal([master], await pair.HoldersAsync());
    }

    [Fact]
    public async Task InstanceNotifyScripts_BackupFaultStop_RunWithTheirOwnArguments()
    {
        // notify_backup, notify_fault and notify_stop of an instance (no generic notify): Keepalived runs each with
        // only the arguments written in the file. lb2 is backup to lb1, faults through a weight-0 track_file, then stops.
        await using var pair = await GuidePair.CreateAsync(configure: (node, c) =>
        {
            var dir = Path.GetDirectoryName(node.CheckScript)!;
            return c with
            {
                TrackScript = null,
                Priority = node.Name == "lb1" ? 101 : 100,
                ExtraBlocks = string.Create(CultureInfo.InvariantCulture, $$"""
                    vrrp_track_file health {
                      file "{{dir}}/health"
                      weight 0
                    }


                    """),
                ExtraInstanceLines = string.Create(CultureInfo.InvariantCulture, $"""
                      track_file {"{"}
                        health
                      {"}"}
                      notify_backup "{dir}/notify.sh backup-arg"
                      notify_fault "{dir}/notify.sh fault-arg 'two words'"
                      notify_stop "{dir}/notify.sh stop-arg"

                    """),
            };
        });
        foreach (var node in pair.Nodes)
        {
            var dir = Path.GetDirectoryName(node.CheckScript)!;
            await File.WriteAllTextAsync(Path.Combine(dir, "health"), "0\n");
            // One line per run: the argument count, then the arguments.
            await File.WriteAllTextAsync(Path.Combine(dir, "notify.sh"), $"#!/bin/sh\necho \"$# $*\" >> {dir}/notify.log\n");
            File.SetUnixFileMode(Path.Combine(dir, "notify.sh"), (UnixFileMode)0b111_101_101);
        }

        // lb1 first, so lb2 starts by hearing it and is never master.
        await pair.Lb1.StartDaemonAsync();
        await Wait.UntilAsync(async _ => await pair.Lb1.StateAsync() == "Master", Bounds.Election, "lb1 master");
        await pair.Lb2.StartDaemonAsync();
        var dir2 = Path.GetDirectoryName(pair.Lb2.CheckScript)!;
        var log = Path.Combine(dir2, "notify.log");
        string[] Lines() => File.Exists(log) ? File.ReadAllLines(log) : [];

        await Wait.UntilAsync(() => Lines().LastOrDefault() == "1 backup-arg", Bounds.Election, "lb2's notify_backup");

        await File.WriteAllTextAsync(Path.Combine(dir2, "health"), "1\n");
        await Wait.UntilAsync(async _ => await pair.Lb2.StateAsync() == "Fault", Bounds.Immediate, "lb2 in fault");
        await Wait.UntilAsync(() => Lines().LastOrDefault() == "2 fault-arg two words", Bounds.Immediate, "lb2's notify_fault");

        pair.Lb2.Daemon!.Signal(15);
        await pair.Lb2.Daemon.WaitForExitAsync(Bounds.Start);
        await Wait.UntilAsync(() => Lines().LastOrDefault() == "1 stop-arg", Bounds.Immediate, "lb2's notify_stop");

        Assert.Equal(["1 backup-arg", "2 fault-arg two words", "1 stop-arg"], Lines());
    }

    private static bool IsRunning(int pid)
    {
        // A zombie still passes kill -0: read the state field of /proc/PID/stat instead.
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        var text = File.ReadAllText(stat);
        var state = text[(text.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }

    [Fact]
    public async Task TrackScript_SharedByTwoInstances_RunsOncePerInterval()
    {
        // Keepalived runs a vrrp_script once per interval however many instances track it; so does vrrpd.
        await using var lab = await Lab.CreateAsync();
        var node = new VrrpdNode(await lab.AddHostAsync("lb1", new HostOptions { IPv6 = false }));
        var runs = Path.Combine(node.Host.DataDirectory, "runs");
        await node.WriteConfigAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            vrrp_script chk_shared {
              script "/bin/sh -c 'date +%s.%N >> {{runs}}'"
              interval 1
            }

            vrrp_instance va {
              interface eth0
              virtual_router_id 60
              virtual_ipaddress {
                198.18.0.100/24
              }
              track_script {
                chk_shared weight -10
              }
            }

            vrrp_instance vb {
              interface eth0
              virtual_router_id 61
              virtual_ipaddress {
                198.18.0.101/24
              }
              track_script {
                chk_shared weight -30
              }
            }

            """));
        await node.StartDaemonAsync();

        await Wait.UntilAsync(() => File.Exists(runs) && File.ReadAllLines(runs).Length >= 6, Bounds.Election, "six runs of the script");
        var times = File.ReadAllLines(runs).Take(6).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        // One run per second: a second copy per instance would show as pairs of runs milliseconds apart.
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(gaps, gap => Assert.InRange(gap, 0.5, 2.0));
        var status = await node.StatusAsync();
        Assert.All(status.Instances, i => Assert.Contains(i.Trackers, t => t.Name == "chk_shared" && t.Up));
    }
}
