using System.Net;

namespace HaKube.NetLab;

/// <summary>Settings of a host in a lab. Unset addresses are assigned from 198.18.0.0/24 and 2001:2::/64 in the order hosts are added.</summary>
public sealed record HostOptions
{
    /// <summary>The IPv4 address of eth0; only 198.18.0.0/15 is allowed.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The IPv4 prefix length of eth0.</summary>
    public int PrefixLength { get; init; } = 24;

    /// <summary>Also give eth0 an address from the IPv6 benchmarking range 2001:2::/48 (RFC 5180).</summary>
    public bool IPv6 { get; init; } = true;

    /// <summary>The MAC address of eth0, "02:48:4b:00:00:NN" by default.</summary>
    public string? Mac { get; init; }

    /// <summary>
    /// Directories this host gets a private copy of (copy-on-write over the machine's own) in its mount
    /// namespace; <see cref="PrivateDirectory.Empty"/> ones start empty. /run is shared by all namespaces
    /// unless listed here.
    /// </summary>
    public IReadOnlyList<PrivateDirectory> PrivateDirectories { get; init; } = [];

    /// <summary>
    /// Directories of the machine this host sees at the same path even where one of its private directories would
    /// hide them (binaries built under /tmp, for a host with a private /tmp). Bind-mounted, so writes go through.
    /// </summary>
    public IReadOnlyList<string> SharedDirectories { get; init; } = [];

    /// <summary>The usual set for a host that runs daemons of its own: /etc, /var/lib, /var/log, /root, /usr/local/bin and /usr/local/sbin copy-on-write, /run and /tmp empty.</summary>
    public static IReadOnlyList<PrivateDirectory> MachineLike { get; } =
    [
        new("/etc"), new("/var/lib"), new("/var/log"), new("/root"), new("/usr/local/bin"), new("/usr/local/sbin"), new("/home"),
        new("/run", PrivateDirectory.Empty), new("/tmp", PrivateDirectory.Empty),
    ];
}
