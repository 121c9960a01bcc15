using System.Globalization;

namespace HaKube.NetLab;

/// <summary>
/// Names of everything a lab creates. Every name starts with <see cref="Prefix"/> and carries the owning
/// process's PID, so concurrent runs never clash and the sweeper can tell a live run from a dead one.
/// Interfaces are created directly inside the lab's namespaces, so no name ever appears in the root one.
/// </summary>
public static class LabNames
{
    /// <summary>Prefix of every namespace and directory a lab creates.</summary>
    public const string Prefix = "hakube-";

    /// <summary>Where per-lab mount-namespace files live (a private bind mount per lab).</summary>
    public const string RunRoot = "/run/hakube-netlab";

    /// <summary>
    /// The environment variable every command run in a lab host carries (its value: the lab's name), inherited by what
    /// it starts, so scripts/leftovers.sh can find a process a run left behind wherever it ended up.
    /// </summary>
    public const string MarkerVariable = "HAKUBE_LAB";

    /// <summary>Where per-lab data lives (overlay upper directories of hosts with private mounts).</summary>
    public const string DataRoot = "/var/tmp/hakube-netlab";

    /// <summary>The name of lab number <paramref name="sequence"/> of process <paramref name="pid"/>.</summary>
    public static string Lab(int pid, int sequence) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{pid}-{sequence}");

    /// <summary>The network namespace of one host of a lab.</summary>
    public static string HostNamespace(string lab, string host) => $"{lab}-{host}";

    /// <summary>The network namespace holding a lab's bridge (two dashes: it can never equal a host's).</summary>
    public static string BridgeNamespace(string lab) => $"{lab}--bridge";

    /// <summary>Splits a lab or namespace name into the lab name and the owner PID; false for foreign names.</summary>
    public static bool TryParse(string name, out string lab, out int ownerPid)
    {
        lab = "";
        ownerPid = 0;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = name[Prefix.Length..].Split('-');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ownerPid)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        lab = Lab(ownerPid, sequence);
        return true;
    }

    /// <summary>Host names become namespace and interface names: lower-case letters and digits, 1 to 12 characters.</summary>
    public static bool IsValidHostName(string host)
        => host.Length is >= 1 and <= 12 && host.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && char.IsAsciiLetterLower(host[0]);
}
