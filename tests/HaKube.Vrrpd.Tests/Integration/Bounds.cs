namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>Generous bounds for conditions in the lab (2 shared cores, JIT start-up): a test waits on the condition, never sleeps.</summary>
internal static class Bounds
{
    public static readonly TimeSpan Start = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Cli = TimeSpan.FromSeconds(30);

    /// <summary>An election or takeover at advert_int 1 (Master_Down_Interval about 3.6 s) plus scheduling slack.</summary>
    public static readonly TimeSpan Election = TimeSpan.FromSeconds(20);

    /// <summary>A takeover that should be at once (priority 0 with one unicast peer).</summary>
    public static readonly TimeSpan Immediate = TimeSpan.FromSeconds(3);
}
