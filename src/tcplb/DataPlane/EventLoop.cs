using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// One thread, one epoll: accepts on its listeners and runs every session it accepted, start to end. Other threads talk to it only
/// through <see cref="Post"/> (a queue plus an eventfd wake-up), so session state needs no locks.
/// </summary>
internal sealed unsafe partial class EventLoop : IDisposable
{
    /// <summary>
    /// Largest read that is copied (recv, send) rather than spliced: HAProxy's default buffer. A read that fills it
    /// means more is waiting, and that direction splices until its source runs dry.
    /// </summary>
    public const int CopySize = 16 * 1024;

    private const int MaxEvents = 256;

    private readonly FileDescriptorHandle _epoll;
    private readonly FileDescriptorHandle _wake;
    private readonly ConcurrentQueue<Action<EventLoop>> _commands = new();
    private readonly List<Session> _sessions = [];
    private readonly Stack<Session> _free = new();
    private readonly List<Session> _ready = [];
    private readonly List<Session> _readyRunning = [];
    private readonly epoll_event* _events;
    private readonly long _frequencyPerMs;
    private readonly Lock _postLock = new();
    private Thread? _thread;
    private bool _closed;
    private int _wakePending;
    private volatile bool _stopRequested;

    public EventLoop(ProxyEngine engine, int id, EngineOptions options, int heldBufferSize)
    {
        Engine = engine;
        Id = id;
        Time = options.Time;
        _frequencyPerMs = Math.Max(1, Time.TimestampFrequency / 1000);
        Now = ReadClock();
        Wheel = new TimerWheel(Now);
        Pipes = new PipePool(options.MaxSparePipesPerLoop, options.LargePipes);
        HeldBuffers = new NativeBufferPool(heldBufferSize, maxSpare: 64);
        CopyBuffers = new NativeBufferPool(CopySize, maxSpare: 64);
        CopyScratch = (byte*)NativeMemory.Alloc(CopySize);
        Events = options.Events;
        BackoffMs = (long)options.AcceptBackoff.TotalMilliseconds;
        BackoffMaxMs = (long)options.AcceptBackoffMax.TotalMilliseconds;

        var epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (epfd < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: {Errno.Describe(LibC.errno)}");
        }

        _epoll = new FileDescriptorHandle(epfd);
        var wake = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        if (wake < 0)
        {
            _epoll.Dispose();
            throw new InvalidOperationException($"eventfd failed: {Errno.Describe(LibC.errno)}");
        }

        _wake = new FileDescriptorHandle(wake);
        _events = (epoll_event*)NativeMemory.Alloc((nuint)(MaxEvents * sizeof(epoll_event)));
        epoll_event ev = default;
        ev.events = LibC.EPOLLIN;
        ev.data.u64 = EventKey.Make(0, EventKey.Control, 0);
        _ = LibC.epoll_ctl(_epoll.Fd, LibC.EPOLL_CTL_ADD, wake, &ev);
    }

    public ProxyEngine Engine { get; }

    public int Id { get; }

    public TimeProvider Time { get; }

    /// <summary>Monotonic milliseconds, read once per epoll_wait return.</summary>
    public long Now { get; private set; }

    public TimerWheel Wheel { get; }

    public PipePool Pipes { get; }

    public NativeBufferPool HeldBuffers { get; }

    /// <summary>Where a direction parks copied bytes its destination could not take yet (<see cref="CopySize"/> each).</summary>
    public NativeBufferPool CopyBuffers { get; }

    /// <summary>
    /// The buffer every small read of this loop lands in before it is sent on in the same pass (one thread, so one
    /// buffer serves every session; bytes left over move to a <see cref="CopyBuffers"/> buffer).
    /// </summary>
    public byte* CopyScratch { get; }

    public IDataPlaneEvents Events { get; }

    /// <summary>Sessions of this loop in use (loop thread only; others use the engine's counters).</summary>
    public int LiveSessions { get; private set; }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"tcplb-loop-{Id}" };
        _thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="command"/> on the loop thread; safe from any thread. False once the loop has ended: the
    /// command will never run, and what it would have released is the caller's to release.
    /// </summary>
    public bool Post(Action<EventLoop> command)
    {
        // The lock orders a post against the loop's end: a command is either queued before the loop drains its queue
        // for the last time, or refused; and the eventfd is never written once closed (its number may be reused).
        lock (_postLock)
        {
            if (_closed)
            {
                return false;
            }

            _commands.Enqueue(command);
            if (Interlocked.Exchange(ref _wakePending, 1) == 0)
            {
                ulong one = 1;
                _ = LibC.write(_wake.Fd, &one, sizeof(ulong));
            }
        }

        return true;
    }

    /// <summary>Runs <paramref name="command"/> on the loop thread and completes with its result.</summary>
    public Task<T> InvokeAsync<T>(Func<EventLoop, T> command)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var posted = Post(loop =>
        {
            try
            {
                done.SetResult(command(loop));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        if (!posted)
        {
            done.SetException(new ObjectDisposedException(_thread?.Name ?? $"tcplb-loop-{Id}", "the event loop has stopped"));
        }

        return done.Task;
    }

    /// <summary>Asks the loop to close everything and exit, and waits for its thread.</summary>
    public void Stop()
    {
        _stopRequested = true;
        _ = Post(static _ => { });
        _thread?.Join();
    }

    public TimeSpan Elapsed(long sinceMs) => TimeSpan.FromMilliseconds(Now - sinceMs);

    /// <summary>Adds a connection socket: edge-triggered, reading, writing and peer half-close, registered once for its life.</summary>
    public bool Register(int fd, ulong key)
    {
        epoll_event ev = default;
        ev.events = LibC.EPOLLIN | LibC.EPOLLOUT | LibC.EPOLLRDHUP | LibC.EPOLLET;
        ev.data.u64 = key;
        return LibC.epoll_ctl(_epoll.Fd, LibC.EPOLL_CTL_ADD, fd, &ev) == 0;
    }

    /// <summary>Queues a session that stopped at its per-pass bound, to continue after the current batch.</summary>
    public void MarkReady(Session session)
    {
        if (!session.InReadyList)
        {
            session.InReadyList = true;
            _ready.Add(session);
        }
    }

    public void Free(Session session)
    {
        LiveSessions--;
        _free.Push(session);
    }

    /// <summary>Terminates the sessions <paramref name="match"/> selects (loop thread only); returns how many.</summary>
    public int TerminateWhere(Func<Session, bool> match, Func<Session, TerminationState> state)
    {
        var count = 0;
        foreach (var s in _sessions)
        {
            if (s.InUse && match(s))
            {
                s.Terminate(state(s));
                count++;
            }
        }

        return count;
    }

    public void Dispose()
    {
        // A loop whose thread never ran ends here; one that ran has closed its queue on the way out (CloseCommands).
        lock (_postLock)
        {
            _closed = true;
        }

        foreach (var session in _sessions)
        {
            session.Dispose();
        }

        Pipes.Dispose();
        HeldBuffers.Dispose();
        CopyBuffers.Dispose();
        NativeMemory.Free(CopyScratch);
        _wake.Dispose();
        _epoll.Dispose();
        NativeMemory.Free(_events);
    }

    private long ReadClock() => Time.GetTimestamp() / _frequencyPerMs;

    private void Run()
    {
        try
        {
            while (!_stopRequested)
            {
                var timeout = _ready.Count > 0 ? 0 : MinTimeout(Wheel.MillisecondsUntilNext(Now), ListenerTimeout());
                var n = LibC.epoll_wait(_epoll.Fd, _events, MaxEvents, timeout);
                Now = ReadClock();
                if (n < 0)
                {
                    var errno = LibC.errno;
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    throw new InvalidOperationException($"epoll_wait failed: {Errno.Describe(errno)}");
                }

                for (var i = 0; i < n; i++)
                {
                    Dispatch(_events[i].data.u64, _events[i].events);
                }

                RunReady();
                RunTimers();
                ResumeListeners();
            }
        }
        catch (Exception e)
        {
            Events.LoopFaulted(Id, e);
        }
        finally
        {
            // What was posted before the end still runs here (a reload waiting on this loop completes; a lease handed
            // over is released); later posts are refused. Then listeners and sessions close.
            CloseCommands();
            CloseAllListeners();
            TerminateWhere(static _ => true, static s => new TerminationState('K', s.Phase == SessionPhase.Forwarding ? 'D' : 'C'));
        }
    }

    private void CloseCommands()
    {
        lock (_postLock)
        {
            _closed = true;
        }

        RunCommands();
    }

    private static int MinTimeout(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    private void Dispatch(ulong key, int events)
    {
        var role = EventKey.Role(key);
        if (role == EventKey.Control)
        {
            RunCommands();
            return;
        }

        if (role == EventKey.Listener)
        {
            Accept(EventKey.Index(key));
            return;
        }

        var session = _sessions[EventKey.Index(key)];
        if (!session.InUse || session.Generation != EventKey.Generation(key))
        {
            return;
        }

        try
        {
            session.OnEvent(role, events);
        }
        catch (Exception e)
        {
            Fault(session, e);
        }
    }

    internal void Fault(Session session, Exception e)
    {
        // A bug (a scheduler or log sink that threw, or ours): report it, close that session, keep the loop serving the others.
        Events.LoopFaulted(Id, e);
        if (session.InUse)
        {
            session.Terminate(new TerminationState('I', 'D'));
        }
    }

    private void RunCommands()
    {
        ulong value;
        _ = LibC.read(_wake.Fd, &value, sizeof(ulong));
        Volatile.Write(ref _wakePending, 0);
        while (_commands.TryDequeue(out var command))
        {
            // A command that throws (a bug) is reported; the loop, and the commands queued behind it, go on.
            try
            {
                command(this);
            }
            catch (Exception e)
            {
                Events.LoopFaulted(Id, e);
            }
        }
    }

    private void RunReady()
    {
        if (_ready.Count == 0)
        {
            return;
        }

        _readyRunning.AddRange(_ready);
        _ready.Clear();
        foreach (var session in _readyRunning)
        {
            if (!session.InUse)
            {
                session.InReadyList = false;
            }
            else if (session.InReadyList)
            {
                // OnReady clears the flag first, so a session that hits its bound again is queued for the next round.
                try
                {
                    session.OnReady();
                }
                catch (Exception e)
                {
                    Fault(session, e);
                }
            }
        }

        _readyRunning.Clear();
    }

    private void RunTimers()
    {
        while (Wheel.PopExpired(Now) is Session session)
        {
            try
            {
                session.OnTimer();
            }
            catch (Exception e)
            {
                Fault(session, e);
            }
        }
    }

    private Session RentSession()
    {
        if (!_free.TryPop(out var session))
        {
            session = new Session(this, _sessions.Count);
            _sessions.Add(session);
        }

        LiveSessions++;
        return session;
    }
}
