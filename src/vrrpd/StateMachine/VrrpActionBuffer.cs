using System.Runtime.CompilerServices;

namespace HaKube.Vrrpd.StateMachine;

/// <summary>Inline storage for <see cref="VrrpActionList"/>: a step never needs more actions than this.</summary>
[InlineArray(Capacity)]
internal struct VrrpActionBuffer
{
    public const int Capacity = 10;

    private VrrpAction _element;
}
