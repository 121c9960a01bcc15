using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Listening sockets of one loop: accept4 until EAGAIN, and a back-off when descriptors run out.</summary>
internal sealed unsafe partial class EventLoop
{
    private const int MaxAcceptsPerEvent = 64;

    private readonly List<LoopListener?> _listeners = [];
    private readonly byte[] _peer = new byte[SockAddr.StorageSize];
    private bool _anyPaused;

    private long BackoffMs { get; }

    private long BackoffMaxMs { get; }

    /// <summary>Starts accepting on <paramref name="listener"/> (loop thread).</summary>
    public void AddListener(LoopListener listener)
    {
        var index = _listeners.IndexOf(null);
        if (index < 0)
        {
            index = _listeners.Count;
            _listeners.Add(listener);
        }
        else
        {
            _listeners[index] = listener;
        }

        RegisterListener(listener, index);
    }

    /// <summary>Stops accepting for <paramref name="frontend"/>: owned sockets are closed, shared ones only leave this epoll.</summary>
    public void RemoveListeners(FrontendRuntime frontend)
    {
        for (var i = 0; i < _listeners.Count; i++)
        {
            if (_listeners[i] is { } l && l.Frontend == frontend)
            {
                CloseListener(l);
                _listeners[i] = null;
            }
        }
    }

    /// <summary>Hands <paramref name="from"/>'s sockets to <paramref name="to"/> without closing them (loop thread).</summary>
    public void RetargetListeners(FrontendRuntime from, FrontendRuntime to)
    {
        foreach (var l in _listeners)
        {
            if (l is not null && l.Frontend == from)
            {
                l.Frontend = to;
            }
        }
    }

    private void CloseAllListeners()
    {
        for (var i = 0; i < _listeners.Count; i++)
        {
            if (_listeners[i] is { } l)
            {
                CloseListener(l);
                _listeners[i] = null;
            }
        }
    }

    private void CloseListener(LoopListener l)
    {
        if (l.Registered)
        {
            _ = LibC.epoll_ctl(_epoll.Fd, LibC.EPOLL_CTL_DEL, l.Fd, null);
            l.Registered = false;
        }

        l.Owned?.Dispose();
    }

    private void RegisterListener(LoopListener l, int index)
    {
        // Level-triggered: a connection left in the backlog after MaxAcceptsPerEvent is reported again.
        epoll_event ev = default;
        ev.events = LibC.EPOLLIN | (l.Exclusive ? LibC.EPOLLEXCLUSIVE : 0);
        ev.data.u64 = EventKey.Make(index, EventKey.Listener, 0);
        l.Registered = LibC.epoll_ctl(_epoll.Fd, LibC.EPOLL_CTL_ADD, l.Fd, &ev) == 0;
    }

    private void Accept(int index)
    {
        if (index >= _listeners.Count || _listeners[index] is not { } l || !l.Registered)
        {
            return;
        }

        for (var i = 0; i < MaxAcceptsPerEvent; i++)
        {
            int fd;
            fixed (byte* peer = _peer)
            {
                socklen_t length = SockAddr.StorageSize;
                fd = LibC.accept4(l.Fd, (sockaddr*)peer, &length, LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
            }

            if (fd < 0)
            {
                var errno = LibC.errno;
                if (errno == Errno.EAGAIN)
                {
                    break;
                }

                if (errno is Errno.EINTR or Errno.ECONNABORTED or Errno.EPROTO)
                {
                    continue;
                }

                // EMFILE, ENFILE, ENOBUFS, ENOMEM, or anything unexpected: leave the connection in the backlog and retry later.
                Pause(l, errno);
                return;
            }

            if (l.PauseReported)
            {
                l.PauseReported = false;
                l.BackoffMs = 0;
                Events.AcceptResumed(l.Frontend.Name, l.Bind);
            }

            var client = SockAddr.Read(_peer) ?? new System.Net.IPEndPoint(System.Net.IPAddress.None, 0);
            var session = RentSession();
            try
            {
                session.Start(l.Frontend, fd, client);
            }
            catch (Exception e)
            {
                Fault(session, e);
            }
        }
    }

    private void Pause(LoopListener l, int errno)
    {
        _ = LibC.epoll_ctl(_epoll.Fd, LibC.EPOLL_CTL_DEL, l.Fd, null);
        l.Registered = false;
        l.BackoffMs = l.BackoffMs == 0 ? BackoffMs : Math.Min(BackoffMaxMs, l.BackoffMs * 2);
        l.PausedUntil = Now + l.BackoffMs;
        _anyPaused = true;
        if (!l.PauseReported)
        {
            l.PauseReported = true;
            Events.AcceptPaused(l.Frontend.Name, l.Bind, errno);
        }
    }

    private int ListenerTimeout()
    {
        if (!_anyPaused)
        {
            return -1;
        }

        var earliest = long.MaxValue;
        foreach (var l in _listeners)
        {
            if (l is { PausedUntil: >= 0 })
            {
                earliest = Math.Min(earliest, l.PausedUntil);
            }
        }

        return earliest == long.MaxValue ? -1 : (int)Math.Max(0, earliest - Now);
    }

    private void ResumeListeners()
    {
        if (!_anyPaused)
        {
            return;
        }

        var stillPaused = false;
        for (var i = 0; i < _listeners.Count; i++)
        {
            if (_listeners[i] is { PausedUntil: >= 0 } l)
            {
                if (Now >= l.PausedUntil)
                {
                    l.PausedUntil = -1;
                    RegisterListener(l, i);
                }
                else
                {
                    stillPaused = true;
                }
            }
        }

        if (!stillPaused)
        {
            _anyPaused = false;
        }
    }
}
