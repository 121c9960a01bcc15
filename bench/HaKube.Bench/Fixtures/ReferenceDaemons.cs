using System.Globalization;
using HaKube.NetLab;

namespace HaKube.Bench.Fixtures;

/// <summary>
/// Keepalived and HAProxy from Debian on a lab host with private /run, /etc, /var/lib and /usr/local/bin
/// (<see cref="HostOptions.MachineLike"/>), started in the foreground as the guide's files would run them.
/// </summary>
internal static class ReferenceDaemons
{
    /// <summary>The pid file the track script reads: written by the lab from the pid it started, in the host's private /run.</summary>
    public const string HaproxyPidFile = "/run/bench-haproxy.pid";

    /// <summary>The guide's "killall -0 haproxy" made node-local: killall sees every namespace on this machine.</summary>
    public const string TrackScript = "/usr/local/bin/chk_haproxy";

    // A zombie still passes kill -0 and PID 1 reaps late here, so read the state field of /proc/PID/stat.
    private const string TrackScriptText = """
        #!/bin/sh
        # This node's haproxy is alive: its pid (from the lab's pid file) exists and is not a zombie.
        pid=$(cat /run/bench-haproxy.pid 2>/dev/null) || exit 1
        state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || exit 1
        [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]

        """;

    public static async Task<LabProcess> StartHaproxyAsync(LabHost host, string config, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"haproxy-{host.Name}.cfg");
        await File.WriteAllTextAsync(file, config, ct);
        var process = host.Start(["haproxy", "-f", file, "-db"]);
        await host.WriteFileAsync(HaproxyPidFile, process.Pid.ToString(CultureInfo.InvariantCulture) + "\n", ct: ct);
        return process;
    }

    /// <summary>Starts keepalived in the foreground with its pid files in the host's private /run (-n -l -D: no fork, log to the console, detailed).</summary>
    public static async Task<LabProcess> StartKeepalivedAsync(LabHost host, string config, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"keepalived-{host.Name}.conf");
        await File.WriteAllTextAsync(file, config, ct);
        await host.WriteFileAsync(TrackScript, TrackScriptText, "0755", ct);
        return host.Start(["keepalived", "-n", "-l", "-D", "-f", file,
            "-p", "/run/keepalived.pid", "-r", "/run/keepalived_vrrp.pid", "-c", "/run/keepalived_check.pid"]);
    }
}
