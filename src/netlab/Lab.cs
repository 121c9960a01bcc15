using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Tmds.Linux;

namespace HaKube.NetLab;

/// <summary>
/// A set of test hosts on one machine: each host is a network namespace with a veth into a Linux bridge that
/// lives in a namespace of its own. Everything it creates carries a per-run name with the owner's PID, and
/// is removed on dispose; runs whose owner died are removed by <see cref="LabSweeper"/>.
/// </summary>
public sealed class Lab : IAsyncDisposable
{
    private static readonly IPNetwork Allowed = IPNetwork.Parse("198.18.0.0/15");
    private static readonly IPNetwork Allowed6 = IPNetwork.Parse("2001:2::/48");
    private static int _sequence;
    private static int _swept;
    private readonly List<LabHost> _hosts = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private Lab(string name)
    {
        Name = name;
        RunDirectory = Path.Combine(LabNames.RunRoot, name);
        DataDirectory = Path.Combine(LabNames.DataRoot, name);
        BridgeNamespace = LabNames.BridgeNamespace(name);
    }

    /// <summary>This run's name, "hakube-PID-N"; every namespace of the lab starts with it.</summary>
    public string Name { get; }

    /// <summary>The namespace that holds the bridge br0.</summary>
    public string BridgeNamespace { get; }

    /// <summary>Holds the files that keep the hosts' mount namespaces alive (a private bind mount).</summary>
    public string RunDirectory { get; }

    /// <summary>Per-host scratch and overlay directories on the machine's disk.</summary>
    public string DataDirectory { get; }

    /// <summary>The hosts, in the order they were added.</summary>
    public IReadOnlyList<LabHost> Hosts => _hosts;

    /// <summary>The host called <paramref name="name"/>.</summary>
    public LabHost this[string name] => _hosts.Find(h => h.Name == name) ?? throw new KeyNotFoundException($"lab {Name} has no host '{name}'");

    /// <summary>Creates an empty lab (a bridge) after sweeping away leftovers of dead runs. Needs root.</summary>
    public static async Task<Lab> CreateAsync(CancellationToken ct = default)
    {
        if (LibC.geteuid() != 0)
        {
            throw new LabException("a lab needs root: it creates network namespaces, veth pairs and mounts");
        }

        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            await LabSweeper.SweepAsync(ct);
        }

        var lab = new Lab(LabNames.Lab(Environment.ProcessId, Interlocked.Increment(ref _sequence)));
        try
        {
            Directory.CreateDirectory(lab.DataDirectory);
            await File.WriteAllTextAsync(
                Path.Combine(lab.DataDirectory, LabSweeper.OwnerFile),
                string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {ProcFs.StartTime(Environment.ProcessId)}\n"), ct);
            Directory.CreateDirectory(lab.RunDirectory);
            // Mount-namespace files can only be bind-mounted onto a private mount.
            await Cmd.RunCheckedAsync(["mount", "--bind", lab.RunDirectory, lab.RunDirectory], ct: ct);
            await Cmd.RunCheckedAsync(["mount", "--make-private", lab.RunDirectory], ct: ct);
            await Cmd.RunCheckedAsync(["ip", "netns", "add", lab.BridgeNamespace], ct: ct);
            var br = new[] { "ip", "-n", lab.BridgeNamespace };
            await Cmd.RunCheckedAsync([.. br, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0"], ct: ct);
            await Cmd.RunCheckedAsync([.. br, "link", "set", "br0", "up"], ct: ct);
            await Cmd.RunCheckedAsync([.. br, "link", "set", "lo", "up"], ct: ct);
            return lab;
        }
        catch
        {
            await LabSweeper.RemoveAsync(lab.Name, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Adds a host called <paramref name="name"/> (lower-case letters and digits, up to 12).</summary>
    public async Task<LabHost> AddHostAsync(string name, HostOptions? options = null, CancellationToken ct = default)
    {
        options ??= new HostOptions();
        if (!LabNames.IsValidHostName(name))
        {
            throw new ArgumentException($"host name '{name}' must be 1 to 12 lower-case letters or digits, starting with a letter", nameof(name));
        }

        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_hosts.Exists(h => h.Name == name))
            {
                throw new ArgumentException($"lab {Name} already has a host '{name}'", nameof(name));
            }

            var index = _hosts.Count;
            if (options.Address is null && index >= 254)
            {
                throw new ArgumentException($"host '{name}': lab {Name} numbers at most 254 hosts in 198.18.0.0/24; give this one an address", nameof(options));
            }

            var address = options.Address ?? new IPAddress([198, 18, 0, (byte)(index + 1)]);
            if (address.AddressFamily != AddressFamily.InterNetwork || !Allowed.Contains(address))
            {
                throw new ArgumentException($"host '{name}': {address} is outside 198.18.0.0/15, the only range labs may use", nameof(options));
            }

            // A shorter prefix would put addresses outside the range on the host's link.
            if (options.PrefixLength is < 15 or > 32)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"host '{name}': prefix length {options.PrefixLength} is outside 15..32 (198.18.0.0/15 is the only range labs may use)"),
                    nameof(options));
            }

            var address6 = options.IPv6 ? IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"2001:2::{index + 1:x}")) : null;
            if (address6 is not null && !Allowed6.Contains(address6))
            {
                throw new ArgumentException($"host '{name}': {address6} is outside 2001:2::/48", nameof(options));
            }

            var mac = options.Mac ?? string.Create(CultureInfo.InvariantCulture, $"02:48:4b:00:{(index + 1) >> 8:x2}:{(index + 1) & 0xff:x2}");
            var host = new LabHost(this, name, index, address, options.PrefixLength, address6, mac, options.PrivateDirectories.Count > 0);
            _hosts.Add(host);
            await SetUpHostAsync(host, options, ct);
            return host;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes every process, namespace, mount and directory of this lab.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var host in _hosts)
            {
                await host.StopProcessesAsync();
            }

            await LabSweeper.RemoveAsync(Name, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal Task SetPortAsync(LabHost host, bool up, CancellationToken ct)
        => Cmd.RunCheckedAsync(["ip", "-n", BridgeNamespace, "link", "set", host.BridgePort, up ? "up" : "down"], ct: ct);

    private async Task SetUpHostAsync(LabHost host, HostOptions options, CancellationToken ct)
    {
        var ns = host.Namespace;
        await Cmd.RunCheckedAsync(["ip", "netns", "add", ns], ct: ct);
        // Both ends are created inside their namespaces, so no lab interface ever exists in the root one.
        await Cmd.RunCheckedAsync(["ip", "link", "add", "eth0", "netns", ns, "address", host.Mac, "type", "veth", "peer", "name", host.BridgePort, "netns", BridgeNamespace], ct: ct);
        await Cmd.RunCheckedAsync(["ip", "-n", BridgeNamespace, "link", "set", host.BridgePort, "master", "br0", "up"], ct: ct);
        var ip = new[] { "ip", "-n", ns };
        await Cmd.RunCheckedAsync([.. ip, "link", "set", "lo", "up"], ct: ct);
        await Cmd.RunCheckedAsync([.. ip, "addr", "add", $"{host.Address}/{host.PrefixLength}", "dev", "eth0"], ct: ct);
        if (host.Address6 is not null)
        {
            await Cmd.RunCheckedAsync([.. ip, "-6", "addr", "add", $"{host.Address6}/64", "dev", "eth0", "nodad"], ct: ct);
        }

        await Cmd.RunCheckedAsync([.. ip, "link", "set", "eth0", "up"], ct: ct);
        // The kernel raises a veth's carrier asynchronously (link watch): a host is handed out only once eth0 is
        // operationally up, so no caller ever starts on a link that is still coming up.
        await Wait.UntilAsync(
            async c => (await Cmd.RunCheckedAsync([.. ip, "-o", "link", "show", "eth0"], ct: c)).StandardOutput.Contains("state UP", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), $"eth0 of {host.Name} to come up", ct);

        // A mount namespace per host: a /sys that shows the host's own interfaces, and private directories.
        Directory.CreateDirectory(host.DataDirectory);
        await File.WriteAllBytesAsync(host.MountNamespaceFile, [], ct);
        await Cmd.RunCheckedAsync(["unshare", $"--mount={host.MountNamespaceFile}", "--propagation", "private", "true"], ct: ct);
        var script = new List<string> { "umount -l /sys", "mount -t sysfs sysfs /sys" };
        // Shared directories are bound to a staging place before the private mounts can hide them, then moved back
        // to their own path on top of those mounts. All of it happens inside the host's (private) mount namespace.
        var shared = options.SharedDirectories.Select((path, i) => (Path: path, Stage: Path.Combine(host.DataDirectory, "shared", i.ToString(CultureInfo.InvariantCulture)))).ToList();
        foreach (var (path, stage) in shared)
        {
            if (!Path.IsPathRooted(path) || path.Contains('\'', StringComparison.Ordinal) || !Directory.Exists(path))
            {
                throw new ArgumentException($"shared directory '{path}' must be an existing absolute path", nameof(options));
            }

            script.Add($"mkdir -p '{stage}' && mount --bind '{path}' '{stage}'");
        }

        var n = 0;
        foreach (var dir in options.PrivateDirectories)
        {
            if (!Path.IsPathRooted(dir.Path) || dir.Path.Contains('\'', StringComparison.Ordinal))
            {
                throw new ArgumentException($"private directory '{dir.Path}' must be an absolute path", nameof(options));
            }

            if (dir.StartsEmpty)
            {
                script.Add($"mkdir -p '{dir.Path}' && mount -t tmpfs -o mode={(dir.Path == "/tmp" ? "1777" : "0755")} tmpfs '{dir.Path}'");
            }
            else
            {
                var upper = Path.Combine(host.DataDirectory, "overlay", n.ToString(CultureInfo.InvariantCulture));
                n++;
                script.Add($"mkdir -p '{dir.Path}' '{upper}/upper' '{upper}/work' && mount -t overlay overlay -o lowerdir='{dir.Path}',upperdir='{upper}/upper',workdir='{upper}/work' '{dir.Path}'");
            }
        }

        foreach (var (path, stage) in shared)
        {
            script.Add($"mkdir -p '{path}' && mount --move '{stage}' '{path}'");
        }

        await Cmd.RunCheckedAsync([.. host.EnterCommand, "sh", "-ec", string.Join('\n', script)], ct: ct);
    }
}
