using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Empty pipes of one event loop. A direction takes a pipe only while it has bytes in flight and gives it back once drained,
/// so idle connections hold two descriptors, not six (5,000 idle connections fit in a 20,000-descriptor limit). Only bulk
/// streams take pipes (small reads are copied), so a new pipe is enlarged while the process-wide <see cref="LargePipeBudget"/>
/// allows; a pipe keeps its size while spare and gives its share back when closed.
/// </summary>
internal sealed class PipePool : IDisposable
{
    private readonly Stack<PipePair> _spare = new();
    private readonly int _maxSpare;
    private readonly LargePipeBudget _budget;

    public PipePool(int maxSpare, LargePipeBudget budget)
    {
        _maxSpare = maxSpare;
        _budget = budget;
    }

    /// <summary>Pipes currently lent out.</summary>
    public int InUse { get; private set; }

    public int Spare => _spare.Count;

    /// <summary>Takes an empty pipe; false with errno when none can be made (EMFILE, ENFILE).</summary>
    public unsafe bool TryRent(out PipePair pipe, out int errno)
    {
        errno = 0;
        if (!_spare.TryPop(out pipe))
        {
            int* fds = stackalloc int[2];
            if (LibC.pipe2(fds, LibC.O_NONBLOCK | LibC.O_CLOEXEC) != 0)
            {
                errno = LibC.errno;
                pipe = PipePair.None;
                return false;
            }

            pipe = Size(fds[0], fds[1]);
        }

        InUse++;
        return true;
    }

    /// <summary>Returns a pipe; <paramref name="empty"/> false (bytes left in it) closes it instead of keeping it.</summary>
    public void Return(PipePair pipe, bool empty)
    {
        InUse--;
        if (empty && _spare.Count < _maxSpare)
        {
            _spare.Push(pipe);
            return;
        }

        Close(pipe);
    }

    public void Dispose()
    {
        while (_spare.TryPop(out var pipe))
        {
            Close(pipe);
        }
    }

    /// <summary>Enlarges a new pipe when the budget allows; keeps the kernel's size (64 KiB by default) otherwise or when the kernel refuses (EPERM past the user's limits).</summary>
    private PipePair Size(int readFd, int writeFd)
    {
        var size = LibC.fcntl(readFd, LibC.F_GETPIPE_SZ);
        var capacity = size > 0 ? size : 65536;
        var wanted = _budget.PipeBytes;
        if (wanted > capacity && _budget.TryTake(wanted))
        {
            var granted = LibC.fcntl(readFd, LibC.F_SETPIPE_SZ, wanted);
            if (granted >= wanted)
            {
                return new PipePair(readFd, writeFd, granted, Enlarged: true);
            }

            _budget.Give(wanted);
        }

        return new PipePair(readFd, writeFd, capacity, Enlarged: false);
    }

    private void Close(PipePair pipe)
    {
        if (pipe.Enlarged)
        {
            _budget.Give(_budget.PipeBytes);
        }

        _ = LibC.close(pipe.ReadFd);
        _ = LibC.close(pipe.WriteFd);
    }
}
