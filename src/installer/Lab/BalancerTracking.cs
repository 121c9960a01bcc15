namespace HaKube.Installer.Lab;

/// <summary>How the HaKube stack's vrrpd follows its node's tcplb (issue 3, tracker kinds (c) and (d)).</summary>
internal enum BalancerTracking
{
    /// <summary>Both, as shipped: the pidfile through a pidfd (c) and tcplb's readiness stream (d); whichever sees a death first acts.</summary>
    PidfileAndStream,

    /// <summary>The pidfile alone (c): the process's exit, seen through its pidfd.</summary>
    Pidfile,

    /// <summary>tcplb's readiness stream alone (d): its admin socket closing or refusing.</summary>
    Stream,
}
