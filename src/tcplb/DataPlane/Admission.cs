namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// HAProxy's accept-time limits (listener_accept): before a listener accepts, the connection takes a slot of its bind
/// line's maxconn, of its frontend's and of the process's, in that order, all or none. When one level is full the
/// listener stops accepting and the connection stays in the kernel's backlog; nothing is accepted and then closed.
/// </summary>
internal static class Admission
{
    /// <summary>
    /// Takes a slot at each level; on failure none is held, <paramref name="full"/> is the level that was full, and
    /// <paramref name="wake"/> says a slot given back on the way was awaited by a paused listener.
    /// </summary>
    public static bool TryAdmit(ConnectionSlots? bind, ConnectionSlots frontend, ConnectionSlots process, out ConnectionSlots? full, out bool wake)
    {
        wake = false;
        if (bind is not null && !bind.TryTake())
        {
            full = bind;
            return false;
        }

        if (!frontend.TryTake())
        {
            wake = bind?.Release() == true;
            full = frontend;
            return false;
        }

        if (!process.TryTake())
        {
            wake = frontend.Release() | bind?.Release() == true;
            full = process;
            return false;
        }

        full = null;
        return true;
    }

    /// <summary>Gives back what <see cref="TryAdmit"/> took; true when a paused listener waits for one of the levels.</summary>
    public static bool Release(ConnectionSlots? bind, ConnectionSlots frontend, ConnectionSlots process)
        => process.Release() | frontend.Release() | bind?.Release() == true;
}
