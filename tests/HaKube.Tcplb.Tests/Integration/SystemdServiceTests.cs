using System.Globalization;
using System.Text.Json;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>
/// The shipped units, unchanged, under a real systemd (PID 1 of a lab host) with the shipped Native AOT binary: the
/// hardening leaves tcplb able to do its job, and readiness, watchdog, reload, restart and crash recovery work as
/// the unit promises (issue 4, point 5).
/// </summary>
[Collection(TcplbLabGroup.Name)]
public sealed class SystemdServiceTests(TcplbLab lab)
{
    [Fact]
    public async Task ShippedUnits_UnderSystemd_ServeAsDynamicUser_PingWatchdog_ReloadRestartAndRecoverFromCrash_WithoutFailedConnection()
    {
        var host = await lab.Lab.AddHostAsync("sdlb", new HostOptions { PrivateDirectories = HostOptions.MachineLike });
        await using var systemd = await LabSystemd.BootAsync(host);
        await systemd.InstallAsync(PublishedBinaries.Require("tcplb"), "/usr/local/bin/tcplb");
        foreach (var unit in new[] { "tcplb.service", "tcplb.socket" })
        {
            await systemd.InstallAsync(PublishedBinaries.Unit(unit), "/etc/systemd/system/" + unit, "0644");
        }

        // The guide's log line: events go to /dev/log, which is journald's here.
        await systemd.WriteFileAsync("/etc/hakube/tcplb.cfg", lab.Config().Replace("log stdout format raw local0 info", "log /dev/log local0", StringComparison.Ordinal));
        // The one change to the unit: a watchdog that bites within the test (2 s instead of 30 s).
        await systemd.WriteFileAsync("/etc/systemd/system/tcplb.service.d/watchdog.conf", "[Service]\nWatchdogSec=2s\n");

        var start = await systemd.SystemctlAsync("enable", "--now", "tcplb.socket", "tcplb.service");

        Assert.True(start.Succeeded, start.StandardError + await systemd.JournalAsync("tcplb.service"));
        Assert.Equal("active", await systemd.PropertyAsync("tcplb.service", "ActiveState"));
        Assert.StartsWith("serving on 0.0.0.0:6443, [::]:6443", await systemd.PropertyAsync("tcplb.service", "StatusText"), StringComparison.Ordinal);
        var pid = await MainPidAsync(systemd);
        // A transient user with CAP_NET_BIND_SERVICE (bit 10) and nothing else.
        var status = await systemd.RunCheckedAsync(["cat", $"/proc/{pid}/status"]);
        Assert.NotEqual("0", Field(status.StandardOutput, "Uid").Split('\t')[0]);
        Assert.Equal("0000000000000400", Field(status.StandardOutput, "CapEff"));
        Assert.Equal((0, "ok"), await lab.CurlAsync("/readyz", host.Address));
        // The shipped binary carries a 4 MiB gen0 budget (the project file's GCgen0size; the runtime's own pick on
        // this machine is 16 MiB), so the heap does not grow at rest.
        using (var report = JsonDocument.Parse((await systemd.RunCheckedAsync(["tcplb", "status", "--json"])).StandardOutput))
        {
            Assert.InRange(report.RootElement.GetProperty("memory").GetProperty("gen0BudgetMaxBytes").GetInt64(), 1, 8L << 20);
        }

        // Type=notify with WatchdogSec: the pings arrive (systemd stamps each one), and nothing restarts.
        var stamp = await systemd.PropertyAsync("tcplb.service", "WatchdogTimestampMonotonic");
        await Wait.UntilAsync(async _ => await systemd.PropertyAsync("tcplb.service", "WatchdogTimestampMonotonic") != stamp, TimeSpan.FromSeconds(10), "a watchdog ping");
        Assert.Equal("0", await systemd.PropertyAsync("tcplb.service", "NRestarts"));

        // systemctl reload: SIGHUP, READY again, the same process.
        var reload = await systemd.SystemctlAsync("reload", "tcplb.service");
        Assert.True(reload.Succeeded, reload.StandardError);
        Assert.Equal(pid, await MainPidAsync(systemd));
        Assert.StartsWith("reloaded /etc/hakube/tcplb.cfg", await systemd.PropertyAsync("tcplb.service", "StatusText"), StringComparison.Ordinal);

        // systemctl restart while a client opens a connection every 10 ms: tcplb.socket keeps the listener, so no
        // attempt fails.
        var loop = ClientLoop.Start(lab.Client, lab.Certificates, host.Address);
        await loop.WaitCompletedAsync(60);
        var restart = await systemd.SystemctlAsync("restart", "tcplb.service");
        Assert.True(restart.Succeeded, restart.StandardError);
        await loop.FinishAsync();
        Assert.Empty(loop.Failures);
        Assert.Equal(loop.Count, loop.Succeeded);
        var restarted = await MainPidAsync(systemd);
        Assert.NotEqual(pid, restarted);

        // A crash: Restart=on-failure brings it back, on the sockets systemd kept.
        await systemd.RunCheckedAsync(["kill", "-KILL", restarted.ToString(CultureInfo.InvariantCulture)]);
        await Wait.UntilAsync(
            async _ => await systemd.PropertyAsync("tcplb.service", "NRestarts") == "1" && await systemd.PropertyAsync("tcplb.service", "ActiveState") == "active",
            TimeSpan.FromSeconds(20), "systemd to restart the killed tcplb");
        Assert.Equal((0, "ok"), await lab.CurlAsync("/readyz", host.Address));

        // Events reached the journal through /dev/log (syslog transport) as well as through stdout.
        var journal = await systemd.JournalAsync("tcplb.service", "json");
        var transports = journal.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("SYSLOG_IDENTIFIER", out var id) && id.GetString() == "tcplb")
            .Select(e => e.GetProperty("_TRANSPORT").GetString())
            .ToHashSet();
        Assert.Contains("syslog", transports);
        Assert.Contains("stdout", transports);

        // systemctl stop: a clean exit (status 0) on SIGTERM.
        var stop = await systemd.SystemctlAsync("stop", "tcplb.service", "tcplb.socket");
        Assert.True(stop.Succeeded, stop.StandardError);
        Assert.Equal("inactive", await systemd.PropertyAsync("tcplb.service", "ActiveState"));
        Assert.Equal("success", await systemd.PropertyAsync("tcplb.service", "Result"));
    }

    private static async Task<int> MainPidAsync(LabSystemd systemd)
        => int.Parse(await systemd.PropertyAsync("tcplb.service", "MainPID"), CultureInfo.InvariantCulture);

    private static string Field(string procStatus, string name)
        => procStatus.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
}
