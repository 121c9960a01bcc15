namespace HaKube.Vrrpd.Platform;

/// <summary>IF_OPER_* from linux/if.h (RFC 2863 operational status), as IFLA_OPERSTATE reports it.</summary>
internal enum LinkOperationalState : byte
{
    Unknown = 0,
    NotPresent = 1,
    Down = 2,
    LowerLayerDown = 3,
    Testing = 4,
    Dormant = 5,
    Up = 6,
}
