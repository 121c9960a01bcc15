using System.Globalization;
using HaKube.NetLab.Interop;
using Tmds.Linux;

namespace HaKube.NetLab;

/// <summary>
/// Removes what labs leave behind: their processes (found by namespace, killed by PID), mount namespaces,
/// network namespaces (and with them every veth and the bridge) and directories. <see cref="SweepAsync"/>
/// touches only runs carrying this project's prefix whose owner process is gone.
/// </summary>
public static class LabSweeper
{
    internal const string OwnerFile = "owner";

    /// <summary>Removes every lab whose owner process is gone; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> SweepAsync(CancellationToken ct = default)
    {
        var removed = new List<string>();
        foreach (var lab in ListLabs())
        {
            if (!IsOwnerAlive(lab))
            {
                await RemoveAsync(lab, ct);
                removed.Add(lab);
            }
        }

        return removed;
    }

    /// <summary>The names of every lab that has something on this machine, live or not.</summary>
    public static IReadOnlySet<string> ListLabs()
    {
        var labs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in new[] { "/run/netns", LabNames.RunRoot, LabNames.DataRoot }.Concat(LabSystemd.CgroupRootsIfAny()))
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(root))
            {
                if (LabNames.TryParse(Path.GetFileName(entry), out var lab, out _))
                {
                    labs.Add(lab);
                }
            }
        }

        return labs;
    }

    /// <summary>True while the process that created <paramref name="lab"/> still runs (same PID and start time).</summary>
    public static bool IsOwnerAlive(string lab)
    {
        if (!LabNames.TryParse(lab, out _, out var pid))
        {
            return false;
        }

        try
        {
            var words = File.ReadAllText(Path.Combine(LabNames.DataRoot, lab, OwnerFile)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 2 && ulong.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                return ProcFs.IsRunning(pid) && ProcFs.StartTime(pid) == start;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No owner file: the run died while it was being created; fall back to the PID alone.
        }

        return ProcFs.IsRunning(pid);
    }

    /// <summary>The network namespaces (under /run/netns) that belong to <paramref name="lab"/>.</summary>
    public static IReadOnlyList<string> Namespaces(string lab)
        => Directory.Exists("/run/netns")
            ? [.. Directory.EnumerateFileSystemEntries("/run/netns").Select(Path.GetFileName).OfType<string>()
                .Where(n => LabNames.TryParse(n, out var owner, out _) && owner == lab).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The PIDs of running processes inside any namespace of <paramref name="lab"/>.</summary>
    public static IReadOnlyList<int> Processes(string lab)
    {
        var netInodes = Namespaces(lab).Select(n => Files.Inode("/run/netns/" + n)).OfType<ulong>().ToHashSet();
        var runDir = Path.Combine(LabNames.RunRoot, lab);
        var mntInodes = (Directory.Exists(runDir) ? Directory.EnumerateFiles(runDir, "*.mnt") : [])
            .Select(Files.Inode).OfType<ulong>().ToHashSet();
        var self = Environment.ProcessId;
        return [.. ProcFs.AllPids().Where(pid => pid != self && ProcFs.IsRunning(pid)
            && (netInodes.Contains(ProcFs.NetNamespaceInode(pid) ?? 0) || mntInodes.Contains(ProcFs.NamespaceInode(pid, "mnt") ?? 0)))];
    }

    /// <summary>Removes everything of <paramref name="lab"/>, whoever owns it.</summary>
    public static async Task RemoveAsync(string lab, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var victims = Processes(lab);
        foreach (var pid in victims)
        {
            _ = LibC.kill(pid, LibC.SIGKILL);
        }

        try
        {
            await Wait.UntilAsync(() => victims.All(p => !ProcFs.IsRunning(p)), TimeSpan.FromSeconds(10), $"the processes of {lab} to die", ct);
        }
        catch (TimeoutException e)
        {
            errors.Add(e.Message);
        }

        // The cgroups of hosts that booted systemd (LabSystemd), once their processes are gone.
        var cgroups = LabSystemd.CgroupRootsIfAny().SelectMany(Directory.EnumerateDirectories)
            .Where(c => LabNames.TryParse(Path.GetFileName(c), out var owner, out _) && owner == lab).ToList();
        if (!await LabSystemd.RemoveCgroupsAsync(cgroups, ct))
        {
            errors.Add($"{string.Join(", ", cgroups.Where(Directory.Exists))}: cgroups of the lab still hold processes");
        }

        var runDir = Path.Combine(LabNames.RunRoot, lab);
        if (Directory.Exists(runDir))
        {
            foreach (var file in Directory.EnumerateFiles(runDir, "*.mnt"))
            {
                Files.Unmount(file);
            }

            Files.Unmount(runDir);
            try
            {
                Directory.Delete(runDir, recursive: true);
            }
            catch (IOException e)
            {
                errors.Add($"{runDir}: {e.Message}");
            }
        }

        // Hosts first: deleting a host's namespace destroys its veth pair; the bridge namespace goes last.
        foreach (var ns in Namespaces(lab).OrderBy(n => n == LabNames.BridgeNamespace(lab)))
        {
            var result = await Cmd.RunAsync(["ip", "netns", "delete", ns], ct: ct);
            if (!result.Succeeded && File.Exists("/run/netns/" + ns))
            {
                errors.Add(result.StandardError.Trim());
            }
        }

        var dataDir = Path.Combine(LabNames.DataRoot, lab);
        if (Directory.Exists(dataDir))
        {
            // Overlay work directories come back with mode 000; rm copes where Directory.Delete may not.
            var result = await Cmd.RunAsync(["rm", "-rf", "--one-file-system", dataDir], ct: ct);
            if (!result.Succeeded)
            {
                errors.Add(result.StandardError.Trim());
            }
        }

        if (errors.Count > 0)
        {
            throw new LabException($"cleaning up {lab} left something behind: {string.Join("; ", errors)}");
        }
    }
}
