namespace HaKube.Vrrpd.Tracking;

/// <summary>What a tracker watches.</summary>
internal enum TrackerKind
{
    /// <summary>A track script run every interval (Keepalived's vrrp_script).</summary>
    Script,

    /// <summary>An interface's carrier, from netlink link events.</summary>
    Interface,

    /// <summary>A process named by a pid file, followed through a pidfd.</summary>
    Process,

    /// <summary>A file holding a number (Keepalived's track_file).</summary>
    File,

    /// <summary>The local tcplb's readiness stream on its admin socket.</summary>
    Balancer,
}
