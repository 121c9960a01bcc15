using System.Net;
using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.DataPlane;

/// <summary>A listening socket as one event loop sees it, with its EMFILE back-off and maxconn pause states.</summary>
internal sealed class LoopListener
{
    public LoopListener(FrontendRuntime frontend, IPEndPoint configured, IPEndPoint bind, int fd, FileDescriptorHandle? owned, bool exclusive)
    {
        Frontend = frontend;
        Configured = configured;
        BindSlots = frontend.BindSlots(configured);
        Bind = bind;
        Fd = fd;
        Owned = owned;
        Exclusive = exclusive;
    }

    /// <summary>The frontend new connections join; a reload that keeps the bind moves the socket to the new frontend.</summary>
    public FrontendRuntime Frontend { get; set; }

    /// <summary>The address as configured (port 0 unresolved): the key of its bind line's maxconn.</summary>
    public IPEndPoint Configured { get; }

    /// <summary>Its bind line's maxconn, if it has one.</summary>
    public ConnectionSlots? BindSlots { get; set; }

    public IPEndPoint Bind { get; }

    public int Fd { get; }

    /// <summary>The socket when this loop owns it (SO_REUSEPORT mode); null when shared and owned by the engine.</summary>
    public FileDescriptorHandle? Owned { get; }

    public bool Exclusive { get; }

    public bool Registered { get; set; }

    /// <summary>Loop time (ms) at which a paused listener is registered again; -1 when not paused.</summary>
    public long PausedUntil { get; set; } = -1;

    public long BackoffMs { get; set; }

    /// <summary>Not accepting because a maxconn (bind, frontend or process) is reached; resumed when a connection closes.</summary>
    public bool Full { get; set; }

    /// <summary>While <see cref="Full"/>: the level it waits for.</summary>
    public ConnectionSlots? FullOn { get; set; }

    /// <summary>The pause was reported; the next successful accept reports the recovery.</summary>
    public bool PauseReported { get; set; }
}
