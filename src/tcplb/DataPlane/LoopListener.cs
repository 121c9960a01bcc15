using System.Net;
using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.DataPlane;

/// <summary>A listening socket as one event loop sees it, with its EMFILE back-off state.</summary>
internal sealed class LoopListener
{
    public LoopListener(FrontendRuntime frontend, IPEndPoint bind, int fd, FileDescriptorHandle? owned, bool exclusive)
    {
        Frontend = frontend;
        Bind = bind;
        Fd = fd;
        Owned = owned;
        Exclusive = exclusive;
    }

    /// <summary>The frontend new connections join; a reload that keeps the bind moves the socket to the new frontend.</summary>
    public FrontendRuntime Frontend { get; set; }

    public IPEndPoint Bind { get; }

    public int Fd { get; }

    /// <summary>The socket when this loop owns it (SO_REUSEPORT mode); null when shared and owned by the engine.</summary>
    public FileDescriptorHandle? Owned { get; }

    public bool Exclusive { get; }

    public bool Registered { get; set; }

    /// <summary>Loop time (ms) at which a paused listener is registered again; -1 when not paused.</summary>
    public long PausedUntil { get; set; } = -1;

    public long BackoffMs { get; set; }

    /// <summary>The pause was reported; the next successful accept reports the recovery.</summary>
    public bool PauseReported { get; set; }
}
