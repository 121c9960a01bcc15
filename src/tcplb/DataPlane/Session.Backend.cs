using HaKube.Tcplb.Balancing;
using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Picking a server, connecting, holding the client's first bytes until the server answers, and retrying when it fails
/// first: on another server, or on the same one after a turn-around (<see cref="ConnectRetry"/>).
/// </summary>
internal sealed unsafe partial class Session
{
    private long _turnAroundFrom;
    private long _turnAroundMs;
    private byte* _held;
    private int _heldLength;
    private int _heldSent;
    private CancellationTokenSource? _queueCancel;
    private BackendServer? _lastServer;
    private int _serverQueue;
    private int _backendQueue;

    /// <summary>Picks a server; on a retry, <paramref name="failedState"/> is how the session ends when no other server is left.</summary>
    private void Acquire(TerminationState? failedState = null)
    {
        var info = new ClientConnectionInfo(Client, Frontend.Name);
        switch (Frontend.Options.Scheduler.TryAcquire(info, _tried, out var lease))
        {
            case AcquireStatus.Acquired:
                if (failedState is not null)
                {
                    Retries++;
                }

                Attach(lease!);
                StartConnect();
                break;
            case AcquireStatus.MustQueue:
                if (failedState is not null)
                {
                    Retries++;
                }

                Phase = SessionPhase.Queued;
                QueuedAt = Loop.Now;
                StartQueueWait(info);
                break;
            default:
                Terminate(failedState ?? new TerminationState('S', 'C'));
                break;
        }
    }

    private void StartQueueWait(ClientConnectionInfo info)
    {
        _queueCancel = new CancellationTokenSource();
        var wait = Frontend.Options.Scheduler.AcquireQueuedAsync(info, _tried, _queueCancel.Token);
        if (wait.IsCompletedSuccessfully)
        {
            OnDequeued(wait.Result);
            return;
        }

        _ = AwaitQueueAsync(wait.AsTask(), Generation);
    }

    private void OnDequeued(IBackendLease? lease)
    {
        DequeuedAt = Loop.Now;
        _queueCancel?.Dispose();
        _queueCancel = null;
        if (lease is null)
        {
            Terminate(new TerminationState('s', 'Q'));
            return;
        }

        Attach(lease);
        StartConnect();
    }

    private void Attach(IBackendLease lease)
    {
        Lease = lease;
        _lastServer = lease.Server;
        _serverQueue = lease.ServerQueuePosition;
        _backendQueue = lease.BackendQueuePosition;
        lease.Server.Enter();
        Frontend.EnterBackend();
    }

    private void StartConnect()
    {
        Phase = SessionPhase.Connecting;
        ConnectStartedAt = Loop.Now;
        ConnectedAt = -1;
        var address = Lease!.Server.SocketAddress;
        var family = address[0] | (address[1] << 8);
        var fd = LibC.socket(family, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            // Out of descriptors or memory: our fault, not the server's; no passive-check report.
            Terminate(new TerminationState('R', 'C'));
            return;
        }

        ServerFd = fd;
        SetNoDelay(fd);
        if (!Loop.Register(fd, EventKey.Make(Index, EventKey.Server, Generation)))
        {
            Terminate(new TerminationState('R', 'C'));
            return;
        }

        int rc;
        fixed (byte* p = address)
        {
            rc = LibC.connect(fd, (sockaddr*)p, address.Length);
        }

        if (rc == 0)
        {
            OnConnected();
        }
        else if (LibC.errno != Errno.EINPROGRESS)
        {
            ServerFailed(ConnectFailure.Refused);
        }
    }

    private void OnConnected()
    {
        Phase = SessionPhase.AwaitingResponse;
        ConnectedAt = LastServerIo = Loop.Now;
        ServerWritable = true;
        Lease!.ReportConnected();
        Process();
    }

    /// <summary>
    /// The server failed before its first byte: report it (passive check), then, with the held bytes, try another server,
    /// or the same one again, or give up (HAProxy's retries and option redispatch).
    /// </summary>
    private void ServerFailed(ConnectFailure failure)
    {
        var lease = Lease!;
        lease.ReportConnectFailed(failure);
        var state = failure switch
        {
            ConnectFailure.Timeout => new TerminationState('s', 'C'),
            ConnectFailure.ResponseTimeout => new TerminationState('s', 'D'),
            ConnectFailure.Refused => new TerminationState('S', 'C'),
            _ => new TerminationState('S', 'D'),
        };
        var options = Frontend.Options;
        var decision = ConnectRetry.Decide(
            options.Retry,
            Retries,
            options.Retry.Retries > Retries ? options.Scheduler.RetryContext(lease) : default,
            options.Timeouts.Connect ?? Timeout.InfiniteTimeSpan,
            timedOut: failure is ConnectFailure.Timeout or ConnectFailure.ResponseTimeout);
        switch (decision.Action)
        {
            case RetryAction.SameServer:
                // HAProxy keeps the server assigned: the lease (and its maxconn slot) stays.
                Retries++;
                CloseServerSocket();
                Phase = SessionPhase.TurnAround;
                _turnAroundFrom = Loop.Now;
                _turnAroundMs = (long)decision.Delay.TotalMilliseconds;
                if (_turnAroundMs == 0)
                {
                    StartConnect();
                }

                break;
            case RetryAction.Redispatch:
                DropServer(failed: true);
                _tried.Add(lease.Server.Id);
                Acquire(state);
                break;
            default:
                DropServer(failed: true);
                Terminate(state);
                break;
        }
    }

    /// <summary>Closes the server socket; the held bytes stay for the next attempt.</summary>
    private void CloseServerSocket()
    {
        if (ServerFd >= 0)
        {
            _ = LibC.close(ServerFd);
            ServerFd = -1;
        }

        ServerReadable = ServerWritable = ServerHangup = ServerAborted = false;
        _heldSent = 0;
        Up.DestinationShut = false;
    }

    /// <summary>Closes the server socket and ends its lease; the held bytes stay for the next server.</summary>
    private void DropServer(bool failed)
    {
        CloseServerSocket();
        if (Lease is { } lease)
        {
            Lease = null;
            lease.Server.Leave();
            Frontend.LeaveBackend();
            lease.Release(failed ? new SessionTotals(0, 0, Loop.Elapsed(ConnectStartedAt)) : new SessionTotals(Up.Bytes, Down.Bytes, Loop.Elapsed(AcceptedAt)));
        }
    }

    /// <summary>
    /// Bytes of the client's the session holds until the server answers: the frontend's bound, within the loop's held
    /// buffers (sized at start from every frontend's bound; a frontend added by a reload never writes past them).
    /// </summary>
    private int HeldCapacity => Math.Min(Frontend.Options.MaxHeldBytes, Loop.HeldBuffers.Size);

    /// <summary>Reads the client into the held buffer (bounded); once full, reading waits for the server.</summary>
    private void ReadHeld()
    {
        var capacity = HeldCapacity;
        while (ClientReadable && !Up.SourceEnded && _heldLength < capacity)
        {
            if (_held is null)
            {
                _held = Loop.HeldBuffers.Rent();
            }

            var n = (long)LibC.recv(ClientFd, _held + _heldLength, capacity - _heldLength, 0);
            if (n > 0)
            {
                _heldLength += (int)n;
                Up.Bytes += n;
                LastClientIo = Loop.Now;
            }
            else if (n == 0)
            {
                Up.SourceEnded = true;
                LastClientIo = Loop.Now;
                if (_heldLength == 0)
                {
                    // Closed without a byte before the server answered: nothing to forward, and no reason to blame a server.
                    Terminate(new TerminationState('C', PhaseCode));
                    return;
                }
            }
            else
            {
                var errno = LibC.errno;
                if (errno == Errno.EAGAIN)
                {
                    ClientReadable = false;
                }
                else if (errno != Errno.EINTR)
                {
                    Terminate(new TerminationState('C', PhaseCode));
                    return;
                }
            }
        }
    }

    /// <summary>Sends held bytes not yet sent to the current server; true when all are.</summary>
    private bool SendHeld(out bool failed)
    {
        failed = false;
        while (_heldSent < _heldLength && ServerWritable)
        {
            var n = (long)LibC.send(ServerFd, _held + _heldSent, _heldLength - _heldSent, LibC.MSG_NOSIGNAL);
            if (n >= 0)
            {
                _heldSent += (int)n;
                LastServerIo = Loop.Now;
            }
            else
            {
                var errno = LibC.errno;
                if (errno == Errno.EAGAIN)
                {
                    ServerWritable = false;
                }
                else if (errno != Errno.EINTR)
                {
                    failed = true;
                    return false;
                }
            }
        }

        return _heldSent == _heldLength;
    }

    private void SendHeld()
    {
        if (ServerAborted)
        {
            // The server answered, then reset: its answer goes to the client, and the request is never replayed.
            Commit();
            return;
        }

        var all = SendHeld(out var failed);
        if (failed)
        {
            ServerFailed(ConnectFailure.ResetBeforeResponse);
            return;
        }

        if (all && Up.SourceEnded && !Up.DestinationShut)
        {
            _ = LibC.shutdown(ServerFd, LibC.SHUT_WR);
            Up.DestinationShut = true;
        }

        if (all && _heldLength == HeldCapacity)
        {
            // The client sent more than can be replayed before the server spoke: commit to this server.
            Commit();
        }
    }

    /// <summary>Looks at the server's first byte without taking it: data commits the session, FIN or RST before it is a failure.</summary>
    private void PeekServer()
    {
        if (!ServerReadable)
        {
            return;
        }

        byte b;
        var n = (long)LibC.recv(ServerFd, &b, 1, LibC.MSG_PEEK);
        if (n > 0)
        {
            Commit();
        }
        else if (n == 0)
        {
            if (Up.DestinationShut)
            {
                // The client ended its request and the server closed: a normal end, forwarded as such.
                Commit();
            }
            else
            {
                ServerFailed(ConnectFailure.ClosedBeforeResponse);
            }
        }
        else
        {
            var errno = LibC.errno;
            if (errno == Errno.EAGAIN)
            {
                ServerReadable = false;
            }
            else if (errno != Errno.EINTR)
            {
                ServerFailed(ConnectFailure.ResetBeforeResponse);
            }
        }
    }

    private void Commit()
    {
        Phase = SessionPhase.Forwarding;
        LastServerIo = Loop.Now;
    }

    private void ReleaseHeld()
    {
        if (_held is not null)
        {
            Loop.HeldBuffers.Return(_held);
            _held = null;
        }

        _heldLength = _heldSent = 0;
    }
}
