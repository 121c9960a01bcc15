namespace HaKube.Installer.Lab;

/// <summary>What `lab failover --fault` does to the lab while the client probes through the VIP.</summary>
internal enum LabFault
{
    /// <summary>The balancer (tcplb or haproxy) on the VIP holder is killed with SIGKILL (the default).</summary>
    Balancer,

    /// <summary>The VRRP daemon (vrrpd or keepalived, its whole process group) on the VIP holder is killed with SIGKILL: it cannot clean up.</summary>
    VrrpKill,

    /// <summary>The VRRP daemon on the VIP holder is stopped with SIGTERM: it resigns (priority 0) and removes the VIP.</summary>
    VrrpTerm,

    /// <summary>The apiserver stand-in on master1 is killed with SIGKILL; the VIP should stay where it is.</summary>
    Apiserver,

    /// <summary>The VIP holder dies outright: its eth0 is unplugged from the bridge, so it is cut off from every other host.</summary>
    Node,
}
