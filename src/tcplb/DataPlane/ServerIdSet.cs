using System.Runtime.CompilerServices;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Servers a connection already failed on, excluded from its retries; inline storage, no allocation. Holds up to <see cref="Capacity"/> ids, later adds are ignored.</summary>
internal struct ServerIdSet
{
    public const int Capacity = 8;

    private Ids _ids;
    private int _count;

    public readonly int Count => _count;

    public readonly bool Contains(int id)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_ids[i] == id)
            {
                return true;
            }
        }

        return false;
    }

    public void Add(int id)
    {
        if (_count < Capacity && !Contains(id))
        {
            _ids[_count++] = id;
        }
    }

    public void Clear() => _count = 0;

    [InlineArray(Capacity)]
    private struct Ids
    {
        private int _element;
    }
}
