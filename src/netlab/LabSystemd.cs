using System.Globalization;
using System.Text;

namespace HaKube.NetLab;

/// <summary>
/// A real systemd as PID 1 of a lab host, the way a container runs one: its own PID, cgroup, UTS, IPC and mount
/// namespaces inside the host's network and mount namespaces, a fresh /run, /tmp and /var/tmp (the machine's /tmp is
/// not visible to it; the labs' data directory is), a private /dev (systemd would otherwise create /dev/log and retune
/// /dev/console on the machine), a read-only /proc/sys (it would otherwise raise the machine-wide fs.file-max), a
/// volatile journal, a machine ID and a cgroup subtree of its own named after the host. Units, binaries and files are
/// put in place with <see cref="RunAsync"/> (the host's private /etc and /usr/local directories are the ones it sees);
/// <see cref="SystemctlAsync"/> and <see cref="JournalAsync"/> talk to it. Disposing powers it off (every unit
/// stopped, ExecStopPost run), kills what is left and removes its cgroups; a lab that ends without that kills it with
/// the host's processes, and <see cref="LabSweeper"/> removes the cgroups of runs whose owner is gone.
/// </summary>
public sealed class LabSystemd : IAsyncDisposable
{
    /// <summary>The target systemd boots into: nothing but the journal, so none of the machine's enabled services starts.</summary>
    public const string BootTarget = "hakube-lab.target";

    private static readonly TimeSpan BootBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PowerOffBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CgroupBound = TimeSpan.FromSeconds(10);

    private readonly LabProcess _unshare;
    private readonly IReadOnlyList<string> _cgroups;
    private int _disposed;

    private LabSystemd(LabHost host, LabProcess unshare, int pid, IReadOnlyList<string> cgroups)
    {
        Host = host;
        _unshare = unshare;
        Pid = pid;
        _cgroups = cgroups;
    }

    /// <summary>The host systemd runs on.</summary>
    public LabHost Host { get; }

    /// <summary>systemd's PID as the machine sees it (it is PID 1 in its own namespace).</summary>
    public int Pid { get; }

    /// <summary>The argv prefix that runs a command beside systemd: in all of its namespaces.</summary>
    public IReadOnlyList<string> EnterCommand => ["nsenter", "--target", Pid.ToString(CultureInfo.InvariantCulture), "--all", "--"];

    /// <summary>
    /// Boots systemd on <paramref name="host"/> and returns once it reports running (or degraded). The host needs
    /// private mounts (<see cref="HostOptions.PrivateDirectories"/>): /etc at least, so units installed there stay on it.
    /// </summary>
    public static async Task<LabSystemd> BootAsync(LabHost host, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!host.HasPrivateMounts)
        {
            throw new ArgumentException($"{host.Name} has no private mounts; systemd needs at least a private /etc", nameof(host));
        }

        var cgroups = CreateCgroups(host.Namespace);
        var outer = new StringBuilder("set -e\n");
        foreach (var cgroup in cgroups)
        {
            outer.Append(CultureInfo.InvariantCulture, $"echo $$ > '{cgroup}/cgroup.procs'\n");
        }

        // --kill-child: should unshare die (the lab ends without powering systemd off), the kernel kills systemd and
        // with it everything in its PID namespace.
        outer.Append(CultureInfo.InvariantCulture,
            $"exec nsenter --net=/run/netns/{host.Namespace} --mount={host.MountNamespaceFile} -- unshare --pid --fork --kill-child=SIGKILL --cgroup --mount --uts --ipc --propagation private sh -ec \"$1\" boot {host.Name} {Layout()} {LabNames.DataRoot} {Guid.NewGuid():N} {BootTarget}\n");
        var unshare = host.StartOutside(["sh", "-c", outer.ToString(), "boot", InnerScript]);
        try
        {
            var pid = 0;
            await Wait.UntilAsync(() => (pid = SystemdChild(unshare.Pid)) > 0 || unshare.HasExited, BootBound, $"systemd to start on {host.Name}", ct);
            if (pid == 0)
            {
                throw new LabException($"systemd did not start on {host.Name}: {unshare.OutputText}");
            }

            var booted = new LabSystemd(host, unshare, pid, cgroups);
            await Wait.UntilAsync(
                async c => (await booted.RunAsync(["systemctl", "is-system-running"], ct: c)).StandardOutput.Trim() is "running" or "degraded" || unshare.HasExited,
                BootBound, $"systemd on {host.Name} to finish booting", ct);
            if (unshare.HasExited)
            {
                throw new LabException($"systemd on {host.Name} ended while booting: {unshare.OutputText}");
            }

            return booted;
        }
        catch
        {
            await unshare.DisposeAsync();
            await RemoveCgroupsAsync(cgroups, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Runs a command beside systemd (all of its namespaces) and returns its output and exit code.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> argv, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default)
        => Cmd.RunAsync([.. EnterCommand, .. argv], stdin, timeout, ct);

    /// <summary>Runs a command beside systemd and throws a <see cref="LabException"/> naming it if it fails.</summary>
    public async Task<CommandResult> RunCheckedAsync(IReadOnlyList<string> argv, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default)
        => (await RunAsync(argv, stdin, timeout, ct)).EnsureSuccess();

    /// <summary>Runs systemctl against this systemd (not checked: callers look at the exit code where it matters).</summary>
    public Task<CommandResult> SystemctlAsync(params string[] args) => RunAsync(["systemctl", "--no-pager", .. args]);

    /// <summary>Writes a file as systemd's services see it (parent directories created).</summary>
    public Task WriteFileAsync(string path, string content, string mode = "0644", CancellationToken ct = default)
        => Cmd.RunCheckedAsync(Cmd.WriteFile(EnterCommand, path, mode), content, ct: ct);

    /// <summary>
    /// Copies a file of the machine (a built binary, a unit) to <paramref name="path"/> on the host. It goes through
    /// the host's data directory, which systemd's side sees: the source may be anywhere, under /tmp included.
    /// </summary>
    public async Task InstallAsync(string source, string path, string mode = "0755", CancellationToken ct = default)
    {
        var staging = Path.Combine(Host.DataDirectory, "install");
        Directory.CreateDirectory(staging);
        var staged = Path.Combine(staging, Guid.NewGuid().ToString("N"));
        File.Copy(source, staged);
        try
        {
            await RunCheckedAsync(["install", "-D", "-m", mode, staged, path], ct: ct);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>A property of a unit (systemctl show --value).</summary>
    public async Task<string> PropertyAsync(string unit, string property)
        => (await RunCheckedAsync(["systemctl", "show", unit, "--property", property, "--value"])).StandardOutput.Trim();

    /// <summary>The journal of <paramref name="unit"/> (systemd's own lines about it included), oldest first.</summary>
    public async Task<string> JournalAsync(string unit, string output = "short-precise")
    {
        // journald writes asynchronously: --sync makes everything sent so far readable first.
        await RunAsync(["journalctl", "--sync"]);
        return (await RunCheckedAsync(["journalctl", "--no-pager", "--unit", unit, "--output", output])).StandardOutput;
    }

    /// <summary>Powers systemd off (every unit stopped as on a real shutdown), kills whatever is left, removes its cgroups.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_unshare.HasExited)
            {
                await RunAsync(["systemctl", "--no-block", "poweroff"], timeout: TimeSpan.FromSeconds(10));
                await _unshare.WaitForExitAsync(PowerOffBound);
            }
        }
        catch (TimeoutException)
        {
            // Killed below with the rest.
        }
        finally
        {
            await _unshare.KillAsync();
            await _unshare.DisposeAsync();
        }

        if (!await RemoveCgroupsAsync(_cgroups))
        {
            throw new LabException($"systemd on {Host.Name} left processes in {string.Join(", ", _cgroups)}");
        }
    }

    /// <summary>The cgroup hierarchies systemd in a namespace needs, as the machine mounts them.</summary>
    internal static IReadOnlyList<string> CgroupRoots() => Layout() switch
    {
        "unified" => ["/sys/fs/cgroup"],
        _ => ["/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified"],
    };

    /// <summary>Where labs' cgroups can be on this machine; none where systemd cannot be booted at all.</summary>
    internal static IReadOnlyList<string> CgroupRootsIfAny()
    {
        try
        {
            return CgroupRoots();
        }
        catch (LabException)
        {
            return [];
        }
    }

    /// <summary>Removes a cgroup directory and everything below it, deepest first (each must be empty of processes).</summary>
    private static bool RemoveCgroupTree(string path)
    {
        if (!Directory.Exists(path))
        {
            return true;
        }

        var removed = true;
        foreach (var child in Directory.EnumerateDirectories(path))
        {
            removed &= RemoveCgroupTree(child);
        }

        try
        {
            Directory.Delete(path);
        }
        catch (IOException)
        {
            removed = false;
        }

        return removed;
    }

    /// <summary>"unified" when /sys/fs/cgroup is cgroup2 itself, "hybrid" when it holds a name=systemd v1 hierarchy.</summary>
    private static string Layout()
    {
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers"))
        {
            return "unified";
        }

        if (Directory.Exists("/sys/fs/cgroup/systemd") && File.Exists("/sys/fs/cgroup/unified/cgroup.procs"))
        {
            return "hybrid";
        }

        throw new LabException("this machine mounts neither a cgroup2 /sys/fs/cgroup nor a name=systemd hierarchy beside a cgroup2 one at /sys/fs/cgroup/unified; systemd cannot be booted in a lab host");
    }

    private static List<string> CreateCgroups(string name)
    {
        var created = new List<string>();
        foreach (var root in CgroupRoots())
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(path);
            created.Add(path);
        }

        return created;
    }

    /// <summary>
    /// Removes <paramref name="cgroups"/>, waiting (bounded) for killed processes to finish leaving them; false when
    /// some are still there at the bound.
    /// </summary>
    internal static async Task<bool> RemoveCgroupsAsync(IReadOnlyList<string> cgroups, CancellationToken ct = default)
    {
        try
        {
            await Wait.UntilAsync(() => cgroups.Aggregate(true, (all, c) => RemoveCgroupTree(c) && all), CgroupBound, "cgroups to empty", ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>unshare's forked child once it has become systemd; 0 before.</summary>
    private static int SystemdChild(int unsharePid)
    {
        try
        {
            foreach (var word in File.ReadAllText($"/proc/{unsharePid}/task/{unsharePid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var pid = int.Parse(word, CultureInfo.InvariantCulture);
                if (File.ReadAllText($"/proc/{pid}/comm").Trim() == "systemd")
                {
                    return pid;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not there yet, or already gone.
        }

        return 0;
    }

    /// <summary>
    /// Runs as PID 1 of the new namespaces ($1 the host name, $2 the cgroup layout, $3 the labs' data directory, $4 a
    /// machine ID of its own, $5 the boot target), then becomes systemd. The container variable tells systemd it is in
    /// one: no kernel modules, no machine-wide setup.
    /// </summary>
    private const string InnerScript = """
        mount -t proc proc /proc
        mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys
        mount --bind /proc/sysrq-trigger /proc/sysrq-trigger && mount -o remount,bind,ro /proc/sysrq-trigger
        mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
        mkdir /run/.machine-dev && mount --bind /dev /run/.machine-dev
        mount -t tmpfs -o mode=0755,nosuid tmpfs /dev
        for node in null zero full random urandom tty; do
          touch /dev/$node && mount --bind /run/.machine-dev/$node /dev/$node
        done
        umount /run/.machine-dev && rmdir /run/.machine-dev
        touch /dev/console && mount --bind /dev/null /dev/console
        mkdir /dev/pts /dev/shm /dev/mqueue
        mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts /dev/pts && ln -s pts/ptmx /dev/ptmx
        mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
        mount -t mqueue mqueue /dev/mqueue
        ln -s /proc/self/fd /dev/fd && ln -s fd/0 /dev/stdin && ln -s fd/1 /dev/stdout && ln -s fd/2 /dev/stderr
        # /tmp and /var/tmp of its own, as a machine has: systemds sharing one boot ID and one /var/tmp delete each
        # other's PrivateTmp= directories. The labs' data directory stays visible under /var/tmp.
        mkdir /run/.lab-data && mount --bind "$3" /run/.lab-data
        mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
        mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /var/tmp
        mkdir -p "$3" && mount --move /run/.lab-data "$3" && rmdir /run/.lab-data
        if [ "$2" = unified ]; then
          mount -t cgroup2 cgroup2 /sys/fs/cgroup
        else
          mount -t tmpfs -o mode=0755 tmpfs /sys/fs/cgroup
          mkdir /sys/fs/cgroup/systemd /sys/fs/cgroup/unified
          mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd
          mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified
        fi
        # systemd names the host after /etc/hostname (the host's private copy).
        echo "$1" > /etc/hostname && hostname "$1"
        mkdir -p /run/systemd/system /run/systemd/journald.conf.d
        # The journal in this /run only, never in a /var/log/journal the host may share with the machine.
        printf '%s\n' '[Journal]' 'Storage=volatile' > /run/systemd/journald.conf.d/lab.conf
        printf '%s\n' '[Unit]' 'Description=HaKube lab host' 'DefaultDependencies=no' \
          'Wants=systemd-journald.socket systemd-journald-dev-log.socket systemd-journald.service' > "/run/systemd/system/$5"
        exec env -i container=hakube-netlab PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
          /lib/systemd/systemd --system --unit="$5" --machine-id="$4" --show-status=no --log-target=journal
        """;
}
