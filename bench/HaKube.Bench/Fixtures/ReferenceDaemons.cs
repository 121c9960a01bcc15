using System.Globalization;
using HaKube.Installer.Lab;
using HaKube.NetLab;

namespace HaKube.Bench.Fixtures;

/// <summary>
/// Keepalived and HAProxy from Debian on a lab host with private /run, /etc, /var/lib and /usr/local/bin
/// (<see cref="HostOptions.MachineLike"/>), started in the foreground as the guide's files would run them, the guide's
/// files as `hakube lab` writes them (<see cref="GuideFiles"/>).
/// </summary>
internal static class ReferenceDaemons
{
    /// <summary>Starts haproxy -db and writes its PID where the guide's file puts the pid file (this host's private /run), for the track script.</summary>
    public static async Task<LabProcess> StartHaproxyAsync(LabHost host, string config, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"haproxy-{host.Name}.cfg");
        await File.WriteAllTextAsync(file, config, ct);
        var process = host.Start(["haproxy", "-f", file, "-db"]);
        await host.WriteFileAsync(GuideFiles.HaproxyPidFile, process.Pid.ToString(CultureInfo.InvariantCulture) + "\n", ct: ct);
        return process;
    }

    /// <summary>Starts keepalived in the foreground with its pid files in the host's private /run (-n -l -D: no fork, log to the console, detailed).</summary>
    public static async Task<LabProcess> StartKeepalivedAsync(LabHost host, string config, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"keepalived-{host.Name}.conf");
        await File.WriteAllTextAsync(file, config, ct);
        return host.Start(["keepalived", "-n", "-l", "-D", "-f", file,
            "-p", "/run/keepalived.pid", "-r", "/run/keepalived_vrrp.pid", "-c", "/run/keepalived_check.pid"]);
    }
}
