using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Zero-copy forwarding: socket → pipe → socket with splice(2), each direction on its own pipe, FIN passed on as shutdown(SHUT_WR).</summary>
internal sealed unsafe partial class Session
{
    /// <summary>Rounds (one pipe-full each) per direction before the loop serves other sessions; the rest continues after the current epoll batch.</summary>
    private const int MaxRoundsPerPass = 16;

    private static readonly uint SpliceFlags = (uint)(LibC.SPLICE_F_MOVE | LibC.SPLICE_F_NONBLOCK);

    private enum PumpResult
    {
        Ok,
        SourceFailed,
        DestinationFailed,
        NoPipe,
    }

    private void Forward()
    {
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

        if (_held is null)
        {
            switch (Pump(Up, upstream: true))
            {
                case PumpResult.SourceFailed:
                    Terminate(new TerminationState('C', 'D'));
                    return;
                case PumpResult.DestinationFailed:
                    Terminate(new TerminationState('S', 'D'));
                    return;
                case PumpResult.NoPipe:
                    Terminate(new TerminationState('R', 'D'));
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
            case PumpResult.NoPipe:
                Terminate(new TerminationState('R', 'D'));
                return;
        }

        if (Up.DestinationShut && Down.DestinationShut)
        {
            Terminate(TerminationState.Normal);
        }
    }

    private PumpResult Pump(Flow flow, bool upstream)
    {
        var source = upstream ? ClientFd : ServerFd;
        var destination = upstream ? ServerFd : ClientFd;
        ref var sourceReadable = ref upstream ? ref ClientReadable : ref ServerReadable;
        ref var destinationWritable = ref upstream ? ref ServerWritable : ref ClientWritable;
        var capacity = Loop.Pipes.PipeCapacity;

        for (var round = 0; ; round++)
        {
            if (round == MaxRoundsPerPass)
            {
                Loop.MarkReady(this);
                break;
            }

            var progressed = false;
            if (flow.Pending > 0 && destinationWritable)
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

            if (!flow.SourceEnded && sourceReadable && flow.Pending < capacity)
            {
                if (flow.Pipe.IsNone && !Loop.Pipes.TryRent(out flow.Pipe, out _))
                {
                    return PumpResult.NoPipe;
                }

                var n = (long)LibC.splice(source, null, flow.Pipe.WriteFd, null, capacity - flow.Pending, SpliceFlags);
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
                            sourceReadable = false;
                        }
                    }
                    else if (errno != Errno.EINTR)
                    {
                        return PumpResult.SourceFailed;
                    }
                }
            }

            if (flow.SourceEnded && flow.Pending == 0 && !flow.DestinationShut)
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
