namespace HaKube.Vrrpd.Configuration;

/// <summary>Daemon-wide settings (Keepalived's global_defs plus vrrpd's own).</summary>
/// <param name="RouterId">Name of this node in logs and notifications (router_id); null means the host name.</param>
/// <param name="SkipCheckAdvAddr">Default for instances: do not compare the address list of received adverts (vrrp_skip_check_adv_addr).</param>
/// <param name="CheckUnicastSource">Default for instances: accept unicast adverts only from configured peers (vrrp_check_unicast_src).</param>
/// <param name="VrrpVersion">VRRP version of instances that set none (vrrp_version): 2 or 3. IPv6 instances always use 3.</param>
/// <param name="Garp">Gratuitous ARP / unsolicited NA defaults for every instance (vrrp_garp_*, vrrp_gna_interval).</param>
/// <param name="ScriptUser">Default user track and notify scripts run as (script_user); null: Keepalived's rule (keepalived_script if it exists, else root).</param>
/// <param name="ScriptGroup">Group for <see cref="ScriptUser"/>; null: the user's primary group.</param>
/// <param name="EnableScriptSecurity">Refuse scripts that a non-root user could modify (enable_script_security).</param>
/// <param name="RunDirectory">Run directory (control socket, pid file, record of added addresses).</param>
/// <param name="MetricsListen">Address:port of the Prometheus text endpoint; null disables it.</param>
internal sealed record GlobalOptions(
    string? RouterId = null,
    bool SkipCheckAdvAddr = false,
    bool CheckUnicastSource = false,
    int VrrpVersion = 2,
    GarpOptions? Garp = null,
    string? ScriptUser = null,
    string? ScriptGroup = null,
    bool EnableScriptSecurity = false,
    string RunDirectory = GlobalOptions.DefaultRunDirectory,
    string? MetricsListen = GlobalOptions.DefaultMetricsListen)
{
    /// <summary>Gratuitous ARP / unsolicited NA defaults for every instance (vrrp_garp_*, vrrp_gna_interval).</summary>
    public GarpOptions Garp { get; init; } = Garp ?? new();

    /// <summary>Where the control socket, pid file and address record live unless --run-dir says otherwise.</summary>
    public const string DefaultRunDirectory = "/run/vrrpd";

    /// <summary>Prometheus text endpoint; loopback only by default.</summary>
    public const string DefaultMetricsListen = "127.0.0.1:9650";
}
