namespace HaKube.Tcplb.Checks;

/// <summary>What arrives at the health loop.</summary>
internal enum CheckMessageKind
{
    /// <summary>A server's check timer fired.</summary>
    Due,

    /// <summary>A probe ended.</summary>
    Completed,

    /// <summary>The data plane failed to connect to a server (passive check).</summary>
    ConnectFailed,

    /// <summary>A down server's session-close grace timer fired.</summary>
    CloseSessionsDue,
}
