using System.Runtime.InteropServices;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Native buffers of one size, owned by one event loop: a client's first bytes held until its server answers, and bytes
/// copied from one side that the other could not take yet. Taken only while they hold bytes.
/// </summary>
internal sealed unsafe class NativeBufferPool : IDisposable
{
    private readonly Stack<nint> _spare = new();
    private readonly int _maxSpare;

    public NativeBufferPool(int size, int maxSpare)
    {
        Size = size;
        _maxSpare = maxSpare;
    }

    public int Size { get; }

    public byte* Rent() => _spare.TryPop(out var p) ? (byte*)p : (byte*)NativeMemory.Alloc((nuint)Size);

    public void Return(byte* buffer)
    {
        if (_spare.Count < _maxSpare)
        {
            _spare.Push((nint)buffer);
        }
        else
        {
            NativeMemory.Free(buffer);
        }
    }

    public void Dispose()
    {
        while (_spare.TryPop(out var p))
        {
            NativeMemory.Free((void*)p);
        }
    }
}
