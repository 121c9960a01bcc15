namespace HaKube.Installer.Lab;

/// <summary>What a lab host does, as in the reference guide's host table.</summary>
internal enum LabRole
{
    /// <summary>lb1, lb2: the balancer and the VRRP daemon.</summary>
    LoadBalancer,

    /// <summary>master1..3: a kube-apiserver stand-in on :6443.</summary>
    Master,

    /// <summary>The client that reaches the apiservers through the VIP.</summary>
    Client,
}
