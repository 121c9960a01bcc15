using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace HaKube.NetLab;

/// <summary>
/// One host of a lab: a network namespace with eth0 on the lab's bridge, and a mount namespace of its own
/// (with a fresh /sys, and private copies of the directories its options list).
/// </summary>
public sealed class LabHost
{
    private readonly Lab _lab;
    private readonly List<LabProcess> _processes = [];
    private readonly Lock _gate = new();

    internal LabHost(Lab lab, string name, int index, IPAddress address, int prefixLength, IPAddress? address6, string mac, bool privateMounts)
    {
        _lab = lab;
        Name = name;
        Index = index;
        Address = address;
        PrefixLength = prefixLength;
        Address6 = address6;
        Mac = mac;
        HasPrivateMounts = privateMounts;
        Namespace = LabNames.HostNamespace(lab.Name, name);
        MountNamespaceFile = Path.Combine(lab.RunDirectory, name + ".mnt");
        DataDirectory = Path.Combine(lab.DataDirectory, name);
    }

    /// <summary>The host's name within the lab (lb1, master1, client, ...).</summary>
    public string Name { get; }

    /// <summary>The position in which the host was added, from 0.</summary>
    public int Index { get; }

    /// <summary>The interface that joins the host to the lab's bridge.</summary>
    public string Interface { get; } = "eth0";

    /// <summary>The IPv4 address of eth0.</summary>
    public IPAddress Address { get; }

    /// <summary>The IPv4 prefix length of eth0.</summary>
    public int PrefixLength { get; }

    /// <summary>The IPv6 address of eth0, when the host has one.</summary>
    public IPAddress? Address6 { get; }

    /// <summary>The MAC address of eth0, as "02:48:4b:00:00:01".</summary>
    public string Mac { get; }

    /// <summary>The network namespace's name (under /run/netns).</summary>
    public string Namespace { get; }

    /// <summary>The file that keeps the host's mount namespace alive.</summary>
    public string MountNamespaceFile { get; }

    /// <summary>A scratch directory for this host on the machine's disk, removed with the lab.</summary>
    public string DataDirectory { get; }

    /// <summary>True when the host has private copies of some directories.</summary>
    public bool HasPrivateMounts { get; }

    /// <summary>The port on the lab's bridge that this host's eth0 is plugged into.</summary>
    internal string BridgePort => "p-" + Name;

    /// <summary>The processes started on this host that are still tracked.</summary>
    public IReadOnlyList<LabProcess> Processes
    {
        get
        {
            lock (_gate)
            {
                return [.. _processes];
            }
        }
    }

    /// <summary>The argv prefix that runs a command inside this host's namespaces.</summary>
    public IReadOnlyList<string> EnterCommand =>
        ["env", $"{LabNames.MarkerVariable}={_lab.Name}", "nsenter", $"--net=/run/netns/{Namespace}", $"--mount={MountNamespaceFile}", "--"];

    /// <summary>Runs a command inside the host to completion and returns its output and exit code.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> argv, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default)
        => Cmd.RunAsync([.. EnterCommand, .. argv], stdin, timeout, ct);

    /// <summary>Runs a command inside the host and throws a <see cref="LabException"/> naming it if it fails.</summary>
    public async Task<CommandResult> RunCheckedAsync(IReadOnlyList<string> argv, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default)
        => (await RunAsync(argv, stdin, timeout, ct)).EnsureSuccess();

    /// <summary>Runs a shell command line inside the host, checked.</summary>
    public Task<CommandResult> ShellAsync(string script, TimeSpan? timeout = null, CancellationToken ct = default)
        => RunCheckedAsync(["sh", "-c", script], null, timeout, ct);

    /// <summary>Starts a program in the background inside the host, in a session of its own.</summary>
    public LabProcess Start(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
        => StartProcess([.. EnterCommand, .. argv], argv, environment, workingDirectory);

    /// <summary>
    /// Starts a program in the machine's own namespaces, owned by this host (stopped with its processes): for a
    /// launcher that must do something there (join a cgroup) before it enters the host itself.
    /// </summary>
    internal LabProcess StartOutside(IReadOnlyList<string> argv) => StartProcess(argv, argv, null, null);

    private LabProcess StartProcess(IReadOnlyList<string> fullArgv, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var psi = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in fullArgv)
        {
            psi.ArgumentList.Add(arg);
        }

        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var process = new Process { StartInfo = psi };
        var commandLine = string.Join(' ', argv.Select(Cmd.Quote));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new LabException($"cannot start '{commandLine}' on {Name}: {e.Message}", e);
        }

        process.StandardInput.Close();
        var started = new LabProcess(process, Name, commandLine);
        lock (_gate)
        {
            _processes.Add(started);
        }

        return started;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a fresh thread that has entered this host's network namespace, so the
    /// sockets it creates (TCP, raw, netlink, packet) belong to the host; they stay there when used from other
    /// threads afterwards. The thread ends with the work, so no pooled thread is ever left in the namespace.
    /// </summary>
    public Task<T> InNamespaceAsync<T>(Func<T> work) => Interop.Namespaces.RunInNetworkNamespaceAsync(Namespace, work);

    /// <summary>Writes a file as this host sees it (inside its private directories where it has them).</summary>
    public Task WriteFileAsync(string path, string content, string mode = "0644", CancellationToken ct = default)
        => Cmd.RunCheckedAsync(Cmd.WriteFile(EnterCommand, path, mode), content, ct: ct);

    /// <summary>Reads a file as this host sees it.</summary>
    public async Task<string> ReadFileAsync(string path, CancellationToken ct = default)
        => (await RunCheckedAsync(["cat", path], ct: ct)).StandardOutput;

    /// <summary>Unplugs eth0 from the bridge: the host sees its carrier go down.</summary>
    public Task CutLinkAsync(CancellationToken ct = default) => _lab.SetPortAsync(this, up: false, ct);

    /// <summary>Plugs eth0 back in.</summary>
    public Task RestoreLinkAsync(CancellationToken ct = default) => _lab.SetPortAsync(this, up: true, ct);

    /// <summary>
    /// Drops <paramref name="percent"/> % of this host's packets of IP protocol <paramref name="protocol"/>
    /// (112 is VRRP) with an nftables rule (this kernel has no netem). Links stay up.
    /// </summary>
    public Task DropAsync(int protocol, int percent = 100, TrafficDirection direction = TrafficDirection.Both, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(protocol);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(protocol, 255);
        var match = string.Create(CultureInfo.InvariantCulture, $"meta l4proto {protocol}")
            + (percent == 100 ? "" : string.Create(CultureInfo.InvariantCulture, $" numgen random mod 100 < {percent}"));
        var script = new StringBuilder("table inet hakube_drop {\n")
            .Append("  chain input { type filter hook input priority -300; policy accept; }\n")
            .Append("  chain output { type filter hook output priority -300; policy accept; }\n}\n");
        if (direction is TrafficDirection.Inbound or TrafficDirection.Both)
        {
            script.Append("add rule inet hakube_drop input ").Append(match).Append(" counter drop\n");
        }

        if (direction is TrafficDirection.Outbound or TrafficDirection.Both)
        {
            script.Append("add rule inet hakube_drop output ").Append(match).Append(" counter drop\n");
        }

        return RunCheckedAsync(["nft", "-f", "-"], script.ToString(), ct: ct);
    }

    /// <summary>Removes every drop rule this host has.</summary>
    public async Task ClearDropsAsync(CancellationToken ct = default)
    {
        var result = await RunAsync(["nft", "delete", "table", "inet", "hakube_drop"], ct: ct);
        if (!result.Succeeded && !result.StandardError.Contains("No such file", StringComparison.Ordinal))
        {
            result.EnsureSuccess();
        }
    }

    /// <summary>The MAC address this host has for <paramref name="address"/> in its neighbour table, or null.</summary>
    public async Task<string?> NeighbourMacAsync(IPAddress address, CancellationToken ct = default)
    {
        var result = await RunCheckedAsync(["ip", "-o", "neigh", "show", "to", address.ToString(), "dev", Interface], ct: ct);
        var words = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(words, "lladdr");
        return at >= 0 && at + 1 < words.Length ? words[at + 1] : null;
    }

    /// <summary>True when eth0 holds <paramref name="address"/>.</summary>
    public async Task<bool> HasAddressAsync(IPAddress address, CancellationToken ct = default)
    {
        var result = await RunCheckedAsync(["ip", "-o", "addr", "show", "dev", Interface], ct: ct);
        return result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(w => w.Split('/')[0] == address.ToString());
    }

    internal async Task StopProcessesAsync()
    {
        foreach (var process in Processes)
        {
            await process.DisposeAsync();
        }

        lock (_gate)
        {
            _processes.Clear();
        }
    }
}
