namespace HaKube.Tcplb.Runtime;

/// <summary>An operator's setting of a server (HAProxy's <c>set server state</c>), apart from what checks say.</summary>
internal enum AdminState
{
    /// <summary>In service as far as the operator is concerned; health decides.</summary>
    Ready,

    /// <summary>No new connections; established ones stay; checks go on (HAProxy "drain").</summary>
    Drain,

    /// <summary>Maintenance: no new connections, no checks; established ones stay (HAProxy "maint", <c>disabled</c>).</summary>
    Maint,
}
