namespace HaKube.Tcplb.DataPlane;

/// <summary>Packs what an epoll event is about into epoll_data.u64: a slot index, a role, and the slot's generation (stale events of a reused slot are dropped).</summary>
internal static class EventKey
{
    public const int Control = 0;
    public const int Listener = 1;
    public const int Client = 2;
    public const int Server = 3;

    public static ulong Make(int index, int role, uint generation) => ((ulong)generation << 32) | ((uint)index << 2) | (uint)role;

    public static int Index(ulong key) => (int)((uint)key >> 2);

    public static int Role(ulong key) => (int)(key & 3);

    public static uint Generation(ulong key) => (uint)(key >> 32);
}
