namespace HaKube.Tcplb.Balancing;

/// <summary>A server's state as balancing sees it. Only <see cref="Up"/> servers take new connections.</summary>
internal enum ServerStatus
{
    /// <summary>In service: never checked, or checks pass.</summary>
    Up,

    /// <summary>Checks failed (or a connect failed): no new connections; established ones per the grace rules.</summary>
    Down,

    /// <summary>Operator drain (HAProxy "set server state drain"): no new connections, established ones finish, checks continue.</summary>
    Draining,

    /// <summary>Operator maintenance (HAProxy "maint"/disabled): no new connections, no checks.</summary>
    Disabled,
}
