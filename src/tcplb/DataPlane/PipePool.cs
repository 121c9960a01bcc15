using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Empty pipes of one event loop. A direction takes a pipe only while it has bytes in flight and gives it back once drained,
/// so idle connections hold two descriptors, not six (5,000 idle connections fit in a 20,000-descriptor limit).
/// </summary>
internal sealed class PipePool : IDisposable
{
    private readonly Stack<PipePair> _spare = new();
    private readonly int _maxSpare;

    public PipePool(int maxSpare) => _maxSpare = maxSpare;

    /// <summary>Pipes currently lent out.</summary>
    public int InUse { get; private set; }

    public int Spare => _spare.Count;

    /// <summary>Capacity of a pipe in bytes (F_GETPIPE_SZ of the first pipe made; 64 KiB on Linux by default).</summary>
    public int PipeCapacity { get; private set; } = 65536;

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

            pipe = new PipePair(fds[0], fds[1]);
            var size = LibC.fcntl(fds[0], LibC.F_GETPIPE_SZ);
            if (size > 0)
            {
                PipeCapacity = size;
            }
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

    private static void Close(PipePair pipe)
    {
        _ = LibC.close(pipe.ReadFd);
        _ = LibC.close(pipe.WriteFd);
    }
}
