namespace HaKube.Installer.Lab;

/// <summary>Which stack runs on the load-balancer nodes.</summary>
internal enum LabMode
{
    /// <summary>vrrpd and tcplb with native files, in HaKube's recommended configuration.</summary>
    HaKube,

    /// <summary>Keepalived and HAProxy from Debian with the reference guide's own files.</summary>
    Reference,
}
