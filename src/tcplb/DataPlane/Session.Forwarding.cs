using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Forwarding, both ways. A small read is copied: recv into the loop's scratch buffer and send at once, three calls per
/// message with epoll_wait, as HAProxy does. A read that fills the buffer switches its direction to zero-copy
/// splice(2), socket → pipe → socket, until the source runs dry. FIN is passed on as shutdown(SHUT_WR) once every byte
/// read before it is out.
/// </summary>
internal sealed unsafe partial class Session
{
    /// <summary>Rounds (one pipe-full or one copy each) per direction before the loop serves other sessions; the rest continues after the current epoll batch.</summary>
    private const int MaxRoundsPerPass = 16;

    private static readonly uint SpliceFlags = (uint)(LibC.SPLICE_F_MOVE | LibC.SPLICE_F_NONBLOCK);

    private enum PumpResult
    {
        Ok,
        SourceFailed,
        DestinationFailed,
    }

    private void Forward()
    {
        if (ServerAborted && !Up.DestinationShut)
        {
            // The server reset after its last bytes: nothing more reaches it. What it sent still goes to the client,
            // then the session ends.
            ReleaseHeld();
            Up.SourceEnded = true;
            Up.DestinationShut = true;
        }

        if (_held is not null)
        {
            // Bytes the client sent before the server answered and not yet sent: they go before anything spliced.
            var all = SendHeld(out var failed);
            if (failed)
            {
                Terminate(new TerminationState('S', 'D'));
                return;
            }

            if (all)
            {
                ReleaseHeld();
            }
        }

        if (_held is null && !ServerAborted)
        {
            switch (Pump(Up, upstream: true))
            {
                case PumpResult.SourceFailed:
                    Terminate(new TerminationState('C', 'D'));
                    return;
                case PumpResult.DestinationFailed:
                    Terminate(new TerminationState('S', 'D'));
                    return;
            }
        }

        switch (Pump(Down, upstream: false))
        {
            case PumpResult.SourceFailed:
                Terminate(new TerminationState('S', 'D'));
                return;
            case PumpResult.DestinationFailed:
                Terminate(new TerminationState('C', 'D'));
                return;
        }

        if (Up.DestinationShut && Down.DestinationShut)
        {
            Terminate(ServerAborted ? new TerminationState('S', 'D') : TerminationState.Normal);
        }
    }

    private PumpResult Pump(Flow flow, bool upstream)
    {
        var source = upstream ? ClientFd : ServerFd;
        var destination = upstream ? ServerFd : ClientFd;
        ref var sourceReadable = ref upstream ? ref ClientReadable : ref ServerReadable;
        ref var destinationWritable = ref upstream ? ref ServerWritable : ref ClientWritable;
        var sourceHangup = upstream ? ClientHangup : ServerHangup;

        for (var round = 0; ; round++)
        {
            if (round == MaxRoundsPerPass)
            {
                Loop.MarkReady(this);
                break;
            }

            var progressed = false;
            if (flow.Parked is not null && destinationWritable)
            {
                if (!SendParked(flow, destination, upstream, ref destinationWritable, ref progressed))
                {
                    return PumpResult.DestinationFailed;
                }
            }

            if (flow.Parked is null && flow.Pending > 0 && destinationWritable)
            {
                var n = (long)LibC.splice(flow.Pipe.ReadFd, null, destination, null, flow.Pending, SpliceFlags);
                if (n > 0)
                {
                    flow.Pending -= (int)n;
                    progressed = true;
                    Touch(!upstream);
                }
                else
                {
                    var errno = LibC.errno;
                    if (errno == Errno.EAGAIN)
                    {
                        destinationWritable = false;
                    }
                    else if (errno != Errno.EINTR)
                    {
                        return PumpResult.DestinationFailed;
                    }
                }
            }

            if (!flow.SourceEnded && sourceReadable && flow.Parked is null)
            {
                if (!flow.Bulk && flow.Pending == 0)
                {
                    var copied = Copy(flow, source, destination, upstream, sourceHangup, ref sourceReadable, ref destinationWritable, ref progressed);
                    if (copied != PumpResult.Ok)
                    {
                        return copied;
                    }
                }
                else if (flow.Pipe.IsNone && !Loop.Pipes.TryRent(out flow.Pipe, out _))
                {
                    // No descriptor for a pipe (a low nofile limit, many bulk flows): copy instead, and try again at
                    // the next full read. An established connection is never cut for want of a pipe.
                    flow.Bulk = false;
                    var copied = Copy(flow, source, destination, upstream, sourceHangup, ref sourceReadable, ref destinationWritable, ref progressed);
                    if (copied != PumpResult.Ok)
                    {
                        return copied;
                    }
                }
                else if (flow.Pending < flow.Pipe.Capacity)
                {
                    var n = (long)LibC.splice(source, null, flow.Pipe.WriteFd, null, flow.Pipe.Capacity - flow.Pending, SpliceFlags);
                    if (n > 0)
                    {
                        flow.Pending += (int)n;
                        flow.Bytes += n;
                        progressed = true;
                        Touch(upstream);
                    }
                    else if (n == 0)
                    {
                        flow.SourceEnded = true;
                        progressed = true;
                        Touch(upstream);
                    }
                    else
                    {
                        var errno = LibC.errno;
                        // EAGAIN with bytes in the pipe may mean "pipe full" rather than "socket empty": keep the readiness then.
                        if (errno == Errno.EAGAIN)
                        {
                            if (flow.Pending == 0)
                            {
                                // The burst is over: the next bytes are read by copying again.
                                sourceReadable = false;
                                flow.Bulk = false;
                            }
                        }
                        else if (errno != Errno.EINTR)
                        {
                            return PumpResult.SourceFailed;
                        }
                    }
                }
            }

            if (flow.SourceEnded && flow.Drained && !flow.DestinationShut)
            {
                _ = LibC.shutdown(destination, LibC.SHUT_WR);
                flow.DestinationShut = true;
            }

            if (!progressed)
            {
                break;
            }
        }

        if (flow.Pending == 0 && !flow.Pipe.IsNone)
        {
            Loop.Pipes.Return(flow.Pipe, empty: true);
            flow.Pipe = PipePair.None;
        }

        return PumpResult.Ok;
    }

    /// <summary>
    /// One copied read: recv into the loop's scratch buffer and send it on at once; what the destination cannot take
    /// is parked in a buffer of the flow's own. A read shorter than the buffer drained the socket (with edge-triggered
    /// epoll the next bytes raise a new event, as nginx relies on), which saves the read that would only say EAGAIN;
    /// a read that fills it switches the flow to splicing.
    /// </summary>
    private PumpResult Copy(Flow flow, int source, int destination, bool upstream, bool sourceHangup, ref bool sourceReadable, ref bool destinationWritable, ref bool progressed)
    {
        var buffer = Loop.CopyScratch;
        var n = (int)(long)LibC.recv(source, buffer, EventLoop.CopySize, 0);
        if (n < 0)
        {
            var errno = LibC.errno;
            if (errno == Errno.EAGAIN)
            {
                sourceReadable = false;
            }
            else if (errno != Errno.EINTR)
            {
                return PumpResult.SourceFailed;
            }

            return PumpResult.Ok;
        }

        progressed = true;
        Touch(upstream);
        if (n == 0)
        {
            flow.SourceEnded = true;
            return PumpResult.Ok;
        }

        flow.Bytes += n;
        if (n == EventLoop.CopySize)
        {
            flow.Bulk = true;
        }
        else if (!sourceHangup)
        {
            sourceReadable = false;
        }

        var sent = 0;
        while (sent < n && destinationWritable)
        {
            var m = (long)LibC.send(destination, buffer + sent, n - sent, LibC.MSG_NOSIGNAL);
            if (m > 0)
            {
                sent += (int)m;
                Touch(!upstream);
                continue;
            }

            var errno = LibC.errno;
            if (errno == Errno.EAGAIN)
            {
                destinationWritable = false;
            }
            else if (errno != Errno.EINTR)
            {
                return PumpResult.DestinationFailed;
            }
        }

        if (sent < n)
        {
            flow.Parked = Loop.CopyBuffers.Rent();
            flow.ParkedStart = 0;
            flow.ParkedEnd = n - sent;
            Buffer.MemoryCopy(buffer + sent, flow.Parked, EventLoop.CopySize, n - sent);
        }

        return PumpResult.Ok;
    }

    /// <summary>Sends parked copied bytes; false when the destination failed.</summary>
    private bool SendParked(Flow flow, int destination, bool upstream, ref bool destinationWritable, ref bool progressed)
    {
        while (flow.Parked is not null && destinationWritable)
        {
            var n = (long)LibC.send(destination, flow.Parked + flow.ParkedStart, flow.ParkedEnd - flow.ParkedStart, LibC.MSG_NOSIGNAL);
            if (n > 0)
            {
                flow.ParkedStart += (int)n;
                progressed = true;
                Touch(!upstream);
                if (flow.ParkedStart == flow.ParkedEnd)
                {
                    Loop.CopyBuffers.Return(flow.Parked);
                    flow.Parked = null;
                }

                continue;
            }

            var errno = LibC.errno;
            if (errno == Errno.EAGAIN)
            {
                destinationWritable = false;
            }
            else if (errno != Errno.EINTR)
            {
                return false;
            }
        }

        return true;
    }

    private void Touch(bool clientSide)
    {
        if (clientSide)
        {
            LastClientIo = Loop.Now;
        }
        else
        {
            LastServerIo = Loop.Now;
        }
    }
}
