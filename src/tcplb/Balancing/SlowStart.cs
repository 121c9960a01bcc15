namespace HaKube.Tcplb.Balancing;

/// <summary>
/// HAProxy's slowstart: for <c>slowstart</c> after a server comes back up, its weight and its maxconn grow linearly
/// from a minimal step to full (server_recalc_eweight and srv_dynamic_maxconn in HAProxy). Servers up since the start
/// get no ramp.
/// </summary>
internal static class SlowStart
{
    /// <summary>Weights are scaled by this so a ramp has fine steps even for weight 1.</summary>
    public const long Scale = 1024;

    /// <summary>The weight the picker uses, in units of 1/<see cref="Scale"/>: at least 1 during the ramp, weight × Scale after.</summary>
    public static long EffectiveWeight(in ServerSnapshot server, DateTimeOffset now)
    {
        var full = server.Weight * Scale;
        if (full <= 0 || !Ramping(server, now, out var elapsed))
        {
            return full;
        }

        return Math.Max(1, full * elapsed.Ticks / server.SlowStart.Ticks);
    }

    /// <summary>The connection limit now: maxconn scaled by the ramp, at least 1 (0 stays unlimited).</summary>
    public static int EffectiveMaxConn(in ServerSnapshot server, DateTimeOffset now)
    {
        if (server.MaxConn <= 0 || !Ramping(server, now, out var elapsed))
        {
            return server.MaxConn;
        }

        return (int)Math.Max(1, server.MaxConn * elapsed.Ticks / server.SlowStart.Ticks);
    }

    private static bool Ramping(in ServerSnapshot server, DateTimeOffset now, out TimeSpan elapsed)
    {
        elapsed = server.RecoveredAt is { } at ? now - at : TimeSpan.MaxValue;
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        return server.SlowStart > TimeSpan.Zero && elapsed < server.SlowStart;
    }
}
