using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// The time bounds of one probe, HAProxy's way: with <c>timeout check</c> the connect gets min(timeout connect, inter)
/// and what follows (TLS handshake, HTTP response) gets <c>timeout check</c>; without it, inter bounds the whole probe.
/// </summary>
internal readonly record struct CheckTimeouts(TimeSpan Connect, TimeSpan Total)
{
    public static CheckTimeouts For(BackendTimeouts timeouts, ServerCheckOptions check)
    {
        if (timeouts.Check is not { } read)
        {
            return new CheckTimeouts(check.Inter, check.Inter);
        }

        var connect = timeouts.Connect == Timeout.InfiniteTimeSpan ? check.Inter : TimeSpan.FromTicks(Math.Min(timeouts.Connect.Ticks, check.Inter.Ticks));
        return new CheckTimeouts(connect, connect + read);
    }
}
