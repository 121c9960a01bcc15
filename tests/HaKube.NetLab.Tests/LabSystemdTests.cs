namespace HaKube.NetLab.Tests;

/// <summary>A real systemd as PID 1 of a lab host: it runs units, and it leaves the machine as it found it.</summary>
public sealed class LabSystemdTests
{
    private const string Unit = """
        [Unit]
        Description=lab test unit

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        DynamicUser=yes
        ExecStart=/usr/local/bin/labtest-hello
        """;

    private const string Script = """
        #!/bin/sh
        echo "hello from $(id -un) ($(id -u)) on $(hostname)"
        """;

    [Fact]
    public async Task Boot_RunsAUnitAsADynamicUser_AndPowerOffLeavesNoProcessCgroupOrMachineChange()
    {
        var before = await MachineState.TakeAsync();
        await using var lab = await Lab.CreateAsync();
        var host = await lab.AddHostAsync("sd", new HostOptions { PrivateDirectories = HostOptions.MachineLike });

        var systemd = await LabSystemd.BootAsync(host);
        var pid = systemd.Pid;
        var cgroups = CgroupsOf(host).ToList();
        try
        {
            Assert.NotEmpty(cgroups);
            // Beside it, systemd is PID 1.
            Assert.Equal("systemd", (await systemd.RunCheckedAsync(["cat", "/proc/1/comm"])).StandardOutput.Trim());
            // Installed from the machine's /tmp, which systemd's side does not see.
            var script = Path.Combine(Path.GetTempPath(), $"labtest-hello-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(script, Script);
            try
            {
                await systemd.InstallAsync(script, "/usr/local/bin/labtest-hello");
            }
            finally
            {
                File.Delete(script);
            }

            await systemd.WriteFileAsync("/etc/systemd/system/labtest.service", Unit);
            // The unit is on this host's private /etc only.
            Assert.False(File.Exists("/etc/systemd/system/labtest.service"));

            var start = await systemd.SystemctlAsync("start", "labtest.service");

            Assert.True(start.Succeeded, start.StandardError);
            Assert.Equal("active", await systemd.PropertyAsync("labtest.service", "ActiveState"));
            var journal = await systemd.JournalAsync("labtest.service");
            var line = journal.Split('\n').Single(l => l.Contains("hello from ", StringComparison.Ordinal));
            Assert.Contains("hello from labtest (", line, StringComparison.Ordinal);
            Assert.DoesNotContain("(0)", line, StringComparison.Ordinal);
            Assert.Contains(" on sd", line, StringComparison.Ordinal);
        }
        finally
        {
            await systemd.DisposeAsync();
        }

        Assert.False(ProcFs.IsRunning(pid));
        Assert.All(cgroups, c => Assert.False(Directory.Exists(c), $"{c} is left behind"));
        Assert.Equal(before, await MachineState.TakeAsync());
    }

    [Fact]
    public async Task LabEndsWithSystemdStillRunning_KillsIt_AndRemovesItsCgroups()
    {
        int pid;
        List<string> cgroups;
        await using (var lab = await Lab.CreateAsync())
        {
            var host = await lab.AddHostAsync("sd", new HostOptions { PrivateDirectories = HostOptions.MachineLike });
            var systemd = await LabSystemd.BootAsync(host);
            pid = systemd.Pid;
            cgroups = [.. CgroupsOf(host)];
            await systemd.WriteFileAsync("/usr/local/bin/labtest-hello", Script, "0755");
            await systemd.WriteFileAsync("/etc/systemd/system/labtest.service", Unit);
            Assert.True((await systemd.SystemctlAsync("start", "labtest.service")).Succeeded);
            Assert.NotEmpty(Directory.EnumerateDirectories(cgroups[0]));

            // No DisposeAsync of systemd: the lab's own end has to take it down.
        }

        Assert.False(ProcFs.IsRunning(pid));
        Assert.All(cgroups, c => Assert.False(Directory.Exists(c), $"{c} is left behind"));
    }

    private static IEnumerable<string> CgroupsOf(LabHost host)
        => LabSystemd.CgroupRoots().Select(root => Path.Combine(root, host.Namespace)).Where(Directory.Exists);

    /// <summary>What a systemd that escaped its namespaces would change on the machine.</summary>
    private sealed record MachineState(string FileMax, string Dev, string DevStatus, string RunSystemd, string Cgroups)
    {
        public static async Task<MachineState> TakeAsync() => new(
            (await File.ReadAllTextAsync("/proc/sys/fs/file-max")).Trim(),
            Names("/dev"),
            // %Z: the last status change (systemd chowns and chmods its console; journald creates /dev/log).
            (await Cmd.RunAsync(["sh", "-c", "stat -c '%n %Z' /dev/console /dev/null /dev/log 2>&1"])).StandardOutput,
            Names("/run/systemd"),
            string.Join(' ', LabSystemd.CgroupRoots().Select(Names)));

        /// <summary>Entry names, other labs' (the lab prefix) left out.</summary>
        private static string Names(string dir)
            => Directory.Exists(dir)
                ? string.Join(' ', Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).OfType<string>()
                    .Where(n => !n.StartsWith(LabNames.Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                : "";
    }
}
