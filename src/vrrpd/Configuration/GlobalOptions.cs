namespace HaKube.Vrrpd.Configuration;

/// <summary>Daemon-wide settings (Keepalived's global_defs plus vrrpd's own).</summary>
internal sealed record GlobalOptions
{
    /// <summary>Where the control socket, pid file and address record live unless --run-dir says otherwise.</summary>
    public const string DefaultRunDirectory = "/run/vrrpd";

    /// <summary>Prometheus text endpoint; loopback only by default.</summary>
    public const string DefaultMetricsListen = "127.0.0.1:9650";

    /// <summary>Name of this node in logs and notifications (router_id); null means the host name.</summary>
    public string? RouterId { get; init; }

    /// <summary>Default for instances: do not compare the address list of received adverts (vrrp_skip_check_adv_addr).</summary>
    public bool SkipCheckAdvAddr { get; init; }

    /// <summary>Default for instances: accept unicast adverts only from configured peers (vrrp_check_unicast_src).</summary>
    public bool CheckUnicastSource { get; init; }

    /// <summary>VRRP version of instances that set none (vrrp_version): 2 or 3. IPv6 instances always use 3.</summary>
    public int VrrpVersion { get; init; } = 2;

    /// <summary>Gratuitous ARP / unsolicited NA defaults for every instance (vrrp_garp_*, vrrp_gna_interval).</summary>
    public GarpOptions Garp { get; init; } = new();

    /// <summary>Default user track and notify scripts run as (script_user); null: Keepalived's rule (keepalived_script if it exists, else root).</summary>
    public string? ScriptUser { get; init; }

    /// <summary>Group for <see cref="ScriptUser"/>; null: the user's primary group.</summary>
    public string? ScriptGroup { get; init; }

    /// <summary>Refuse scripts that a non-root user could modify (enable_script_security).</summary>
    public bool EnableScriptSecurity { get; init; }

    /// <summary>Run directory (control socket, pid file, record of added addresses).</summary>
    public string RunDirectory { get; init; } = DefaultRunDirectory;

    /// <summary>Address:port of the Prometheus text endpoint; null disables it.</summary>
    public string? MetricsListen { get; init; } = DefaultMetricsListen;
}
