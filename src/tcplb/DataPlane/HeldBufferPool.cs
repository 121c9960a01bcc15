using System.Runtime.InteropServices;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Native buffers of one event loop that hold a client's first bytes until its server answers; taken lazily, returned at commit.</summary>
internal sealed unsafe class HeldBufferPool : IDisposable
{
    private readonly Stack<nint> _spare = new();
    private readonly int _maxSpare;

    public HeldBufferPool(int size, int maxSpare)
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
