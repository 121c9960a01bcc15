using System.Net;
using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// One proxied connection, pooled by its event loop and touched only on that loop's thread. Split by concern:
/// events here, the held-bytes phase and retries in Session.Backend.cs, splicing in Session.Forwarding.cs,
/// timeouts in Session.Timeouts.cs, closing and logging in Session.Close.cs.
/// </summary>
internal sealed unsafe partial class Session : TimerNode
{
    // epoll readiness as last reported (edge-triggered: set by events, cleared when a call returns EAGAIN).
    internal bool ClientReadable;
    internal bool ClientWritable;
    internal bool ServerReadable;
    internal bool ServerWritable;

    // epoll reported the peer's FIN or an error (EPOLLRDHUP, EPOLLHUP, EPOLLERR): a short read then does not mean the
    // socket is drained, since no later edge will come for that end of stream; reading goes on until it returns 0.
    internal bool ClientHangup;
    internal bool ServerHangup;

    // The server reset the connection after bytes still queued for us: they are forwarded, and the log says 'SD'.
    internal bool ServerAborted;

    private ServerIdSet _tried;
    private ConnectionSlots? _bindSlots;

    public Session(EventLoop loop, int index)
    {
        Loop = loop;
        Index = index;
    }

    public EventLoop Loop { get; }

    public int Index { get; }

    public uint Generation { get; private set; }

    public bool InUse { get; private set; }

    public bool InReadyList { get; set; }

    public FrontendRuntime Frontend { get; private set; } = null!;

    public SessionPhase Phase { get; private set; }

    public int ClientFd { get; private set; } = -1;

    public int ServerFd { get; private set; } = -1;

    public IPEndPoint Client { get; private set; } = null!;

    public IBackendLease? Lease { get; private set; }

    /// <summary>Client to server.</summary>
    public Flow Up { get; } = new();

    /// <summary>Server to client.</summary>
    public Flow Down { get; } = new();

    public int Retries { get; private set; }

    private char PhaseCode => Phase switch
    {
        SessionPhase.Queued => 'Q',
        SessionPhase.Connecting or SessionPhase.TurnAround => 'C',
        _ => 'D',
    };

    /// <summary>
    /// Takes over an accepted, nonblocking client socket, admitted with a slot of <paramref name="frontend"/> (and of
    /// <paramref name="bindSlots"/> when its bind line has a maxconn), and starts picking a server.
    /// </summary>
    public void Start(FrontendRuntime frontend, ConnectionSlots? bindSlots, int clientFd, IPEndPoint client)
    {
        InUse = true;
        Frontend = frontend;
        _bindSlots = bindSlots;
        ClientFd = clientFd;
        Client = client;
        AcceptDate = Loop.Time.GetLocalNow();
        AcceptedAt = LastClientIo = LastServerIo = Loop.Now;
        SetNoDelay(clientFd);
        if (!Loop.Register(clientFd, EventKey.Make(Index, EventKey.Client, Generation)))
        {
            Terminate(new TerminationState('R', 'C'));
            return;
        }

        Acquire();
        AfterEvent();
    }

    /// <summary>Handles an epoll event on the client or server socket.</summary>
    public void OnEvent(int role, int events)
    {
        var error = (events & LibC.EPOLLERR) != 0;
        var readable = (events & (LibC.EPOLLIN | LibC.EPOLLRDHUP | LibC.EPOLLHUP)) != 0;
        var writable = (events & LibC.EPOLLOUT) != 0;
        var hangup = (events & (LibC.EPOLLRDHUP | LibC.EPOLLHUP | LibC.EPOLLERR)) != 0;
        if (role == EventKey.Client)
        {
            if (error && SocketError(ClientFd) != 0)
            {
                Terminate(new TerminationState('C', PhaseCode));
                return;
            }

            ClientReadable |= readable || error;
            ClientWritable |= writable || error;
            ClientHangup |= hangup;
        }
        else
        {
            if (ServerFd < 0)
            {
                // Left in this epoll batch by a server socket a retry has just closed (a client event came first).
                AfterEvent();
                return;
            }

            if (Phase == SessionPhase.Connecting)
            {
                if (error || writable || readable)
                {
                    // SO_ERROR says whether connect failed; getpeername whether it completed (an event left from a reused descriptor number says neither).
                    if (SocketError(ServerFd) != 0)
                    {
                        ServerFailed(ConnectFailure.Refused);
                    }
                    else if (IsConnected(ServerFd))
                    {
                        // Edge-triggered: the server's first bytes (or FIN) may come in the same event as the connect completion.
                        ServerReadable = readable;
                        ServerHangup = hangup;
                        OnConnected();
                    }
                }

                AfterEvent();
                return;
            }

            if (error && HasQueuedInput(ServerFd))
            {
                // The server's last bytes came before its reset: Linux hands them out before the error. Reading the
                // error clears it, so they are forwarded and end in a FIN; a request it answered is never replayed.
                _ = SocketError(ServerFd);
                ServerAborted = true;
            }
            else if (error && SocketError(ServerFd) != 0)
            {
                if (Phase == SessionPhase.AwaitingResponse)
                {
                    ServerFailed(ConnectFailure.ResetBeforeResponse);
                }
                else
                {
                    Terminate(new TerminationState('S', 'D'));
                }

                AfterEvent();
                return;
            }

            ServerReadable |= readable || error;
            ServerWritable |= writable || error;
            ServerHangup |= hangup;
        }

        Process();
        AfterEvent();
    }

    /// <summary>Continues work left after the per-pass bound (see <see cref="Pump"/>).</summary>
    public void OnReady()
    {
        InReadyList = false;
        Process();
        AfterEvent();
    }

    private void Process()
    {
        if (!InUse)
        {
            return;
        }

        switch (Phase)
        {
            case SessionPhase.Queued:
            case SessionPhase.Connecting:
            case SessionPhase.TurnAround:
                ReadHeld();
                return;
            case SessionPhase.AwaitingResponse:
                ReadHeld();
                if (InUse && Phase == SessionPhase.AwaitingResponse)
                {
                    SendHeld();
                }

                if (InUse && Phase == SessionPhase.AwaitingResponse)
                {
                    PeekServer();
                }

                if (InUse && Phase == SessionPhase.Forwarding)
                {
                    Forward();
                }

                return;
            default:
                Forward();
                return;
        }
    }

    private void AfterEvent()
    {
        if (InUse)
        {
            ArmTimer();
        }
    }

    private static int SocketError(int fd)
    {
        int code = 0;
        socklen_t length = sizeof(int);
        return LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ERROR, &code, &length) == 0 ? code : LibC.errno;
    }

    /// <summary>Whether bytes wait to be read, without reading them or the socket's pending error.</summary>
    private static bool HasQueuedInput(int fd) => InputQueued.Of(fd) > 0;

    private static bool IsConnected(int fd)
    {
        byte* address = stackalloc byte[Interop.SockAddr.StorageSize];
        socklen_t length = Interop.SockAddr.StorageSize;
        return LibC.getpeername(fd, (sockaddr*)address, &length) == 0;
    }

    private static void SetNoDelay(int fd)
    {
        var one = 1;
        _ = LibC.setsockopt(fd, LibC.IPPROTO_TCP, LibC.TCP_NODELAY, &one, sizeof(int));
    }
}
