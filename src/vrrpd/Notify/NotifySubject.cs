namespace HaKube.Vrrpd.Notify;

/// <summary>Whose state changed: the generic notify's first argument.</summary>
internal enum NotifySubject
{
    /// <summary>A vrrp_instance: "INSTANCE".</summary>
    Instance,

    /// <summary>A vrrp_sync_group: "GROUP" (its priority argument is always 0, as in Keepalived).</summary>
    Group,
}
