namespace HaKube.Installer.Lab;

/// <summary>Where the supervisor is in a lab's life.</summary>
internal enum LabPhase
{
    /// <summary>Creating hosts and starting daemons.</summary>
    Starting,

    /// <summary>Up: the VIP is on one balancer and the apiservers answer through it.</summary>
    Ready,

    /// <summary>Building failed; the supervisor is cleaning up (the error says why).</summary>
    Failed,

    /// <summary>Asked to end; removing everything.</summary>
    Stopping,
}
