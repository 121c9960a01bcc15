namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// The state keyword of an instance. A hint only: MASTER starts the instance as a master candidate (it
/// sends adverts at once instead of waiting Master_Down_Interval); the election still decides, and a
/// higher-priority peer wins.
/// </summary>
internal enum VrrpInitialState
{
    /// <summary>Start in Backup and wait for adverts (Keepalived's default).</summary>
    Backup,

    /// <summary>Start as a master candidate.</summary>
    Master,
}
