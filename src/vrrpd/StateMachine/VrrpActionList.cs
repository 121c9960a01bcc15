namespace HaKube.Vrrpd.StateMachine;

/// <summary>The actions of one step, in order, held inline so a step allocates nothing.</summary>
internal struct VrrpActionList
{
    private VrrpActionBuffer _items;
    private int _count;

    public readonly int Count => _count;

    public readonly VrrpAction this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            return _items[index];
        }
    }

    public readonly bool Contains(VrrpActionKind kind)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    public readonly VrrpAction[] ToArray()
    {
        var array = new VrrpAction[_count];
        for (var i = 0; i < _count; i++)
        {
            array[i] = _items[i];
        }

        return array;
    }

    public readonly Enumerator GetEnumerator() => new(this);

    internal void Add(in VrrpAction action)
    {
        if (_count == VrrpActionBuffer.Capacity)
        {
            throw new InvalidOperationException($"A VRRP step produced more than {VrrpActionBuffer.Capacity} actions.");
        }

        _items[_count++] = action;
    }

    /// <summary>Enumerates a copy of the list.</summary>
    public struct Enumerator
    {
        private readonly VrrpActionList _list;
        private int _index;

        internal Enumerator(VrrpActionList list)
        {
            _list = list;
            _index = -1;
        }

        public readonly VrrpAction Current => _list[_index];

        public bool MoveNext() => ++_index < _list.Count;
    }
}
