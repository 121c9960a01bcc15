using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Listening sockets of one loop: accept4 until EAGAIN, a back-off when descriptors run out, and HAProxy's maxconn
/// pause: a listener whose bind, frontend or process is full leaves the epoll set, so new connections wait in the
/// kernel's backlog, until a connection closes somewhere and the engine wakes it.
/// </summary>
internal sealed unsafe partial class EventLoop
{
    private const int MaxAcceptsPerEvent = 64;

    private readonly List<LoopListener?> _listeners = [];
    private readonly byte[] _peer = new byte[SockAddr.StorageSize];
    private bool _anyPaused;
    private int _fullListeners;
    private int _wakeFullPending;

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
        for (var i = 0; i < _listeners.Count; i++)
        {
            if (_listeners[i] is { } l && l.Frontend == from)
            {
                l.Frontend = to;
                l.BindSlots = to.BindSlots(l.Configured);
                if (l.Full)
                {
                    // The limits may have changed: try again under the new ones.
                    Unfull(l, i);
                }
            }
        }
    }

    /// <summary>Any thread: a level a paused listener waits for has room again; the loop retries its paused listeners.</summary>
    public void WakeFullListeners()
    {
        if (Volatile.Read(ref _fullListeners) > 0 && Interlocked.Exchange(ref _wakeFullPending, 1) == 0)
        {
            // Refused only once the loop has ended, and its listeners with it.
            _ = Post(static loop => loop.ResumeFullListeners());
        }
    }

    private void ResumeFullListeners()
    {
        Volatile.Write(ref _wakeFullPending, 0);
        for (var i = 0; i < _listeners.Count; i++)
        {
            if (_listeners[i] is { Full: true } l)
            {
                // Level-triggered: a connection waiting in the backlog is reported at once, and admission is tried again.
                Unfull(l, i);
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
        if (l.Full)
        {
            l.FullOn?.RemoveWaiter();
            l.FullOn = null;
            l.Full = false;
            Interlocked.Decrement(ref _fullListeners);
        }

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
            if (!Engine.TryAdmit(l, out var full))
            {
                if (PauseFull(l, full!))
                {
                    return;
                }

                // A slot came free meanwhile: try again.
                continue;
            }

            int fd;
            fixed (byte* peer = _peer)
            {
                socklen_t length = SockAddr.StorageSize;
                fd = LibC.accept4(l.Fd, (sockaddr*)peer, &length, LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
            }

            if (fd < 0)
            {
                // errno first: Release can wake a loop (a write), which sets the last P/Invoke error again.
                var errno = LibC.errno;
                Engine.Release(l.Frontend, l.BindSlots);
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

            l.Frontend.Slots.RecordPeak();
            var client = SockAddr.Read(_peer) ?? new System.Net.IPEndPoint(System.Net.IPAddress.None, 0);
            var session = RentSession();
            try
            {
                session.Start(l.Frontend, l.BindSlots, fd, client);
            }
            catch (Exception e)
            {
                Fault(session, e);
            }
        }
    }

    /// <summary>
    /// maxconn reached at <paramref name="full"/>: the listener leaves epoll until a slot there frees. False (and still
    /// accepting) when a slot freed between the failed admission and the pause.
    /// </summary>
    private bool PauseFull(LoopListener l, ConnectionSlots full)
    {
        // Counted first: a release that sees this waiter must find the loop to wake.
        Interlocked.Increment(ref _fullListeners);
        if (full.AddWaiter())
        {
            full.RemoveWaiter();
            Interlocked.Decrement(ref _fullListeners);
            return false;
        }

        l.Full = true;
        l.FullOn = full;
        _ = LibC.epoll_ctl(_epoll.Fd, LibC.EPOLL_CTL_DEL, l.Fd, null);
        l.Registered = false;
        return true;
    }

    private void Unfull(LoopListener l, int index)
    {
        l.FullOn?.RemoveWaiter();
        l.FullOn = null;
        l.Full = false;
        Interlocked.Decrement(ref _fullListeners);
        RegisterListener(l, index);
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
