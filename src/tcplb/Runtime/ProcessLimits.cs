using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// The global maxconn when the configuration sets none, derived from the open-files limit as HAProxy does
/// (limits.c, compute_ideal_maxconn, for a proxy that splices): descriptors not needed by listeners, loops and the
/// like, at two per connection plus half a pipe each, so maxconn = 2 × (limit − reserved) / 5, at least 100
/// (HAProxy's DEFAULT_MAXCONN).
/// </summary>
internal static class ProcessLimits
{
    /// <summary>HAProxy's floor when descriptors are scarce.</summary>
    public const int MinimumMaxConn = 100;

    /// <summary>Descriptors outside connections: stdio, admin socket, metrics, log sockets, checks, the runtime's own.</summary>
    private const int FixedReserve = 64;

    public static int IdealMaxConn(ulong openFiles, int reserved)
    {
        var remain = (long)Math.Min(openFiles, int.MaxValue) - reserved;
        return (int)Math.Clamp(2 * remain / 5, MinimumMaxConn, int.MaxValue);
    }

    /// <summary>Descriptors held whatever the load: per loop its epoll, eventfd, spare pipes and one socket per bind; one per checked server.</summary>
    public static int Reserved(int loops, int sparePipesPerLoop, int binds, int servers)
        => FixedReserve + (loops * (2 + (2 * sparePipesPerLoop) + binds)) + servers;

    /// <summary>
    /// Raises the soft open-files limit to the hard one (HAProxy raises it to what its maxconn needs; more is never
    /// refused), then returns the soft limit in force; null when it cannot be read.
    /// </summary>
    public static ulong? RaiseOpenFiles()
    {
        if (GetRLimit.Call(RLimit.NoFile, out var limit) != 0)
        {
            return null;
        }

        if (limit.Current < limit.Maximum && SetRLimit.Call(RLimit.NoFile, new RLimit { Current = limit.Maximum, Maximum = limit.Maximum }) == 0)
        {
            return limit.Maximum;
        }

        return limit.Current;
    }
}
