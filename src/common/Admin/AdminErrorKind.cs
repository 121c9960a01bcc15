namespace HaKube.Common.Admin;

/// <summary>Why an admin request failed, so a CLI or tracker can react without parsing messages.</summary>
public enum AdminErrorKind
{
    /// <summary>No daemon: the socket file is missing, or nothing accepts on it (a crashed daemon's leftover).</summary>
    NotRunning,

    /// <summary>The socket exists but this user may not connect (it is 0600: run as root).</summary>
    PermissionDenied,

    /// <summary>The daemon did not answer in time.</summary>
    Timeout,

    /// <summary>The daemon closed the connection before answering, or ended a subscription.</summary>
    Disconnected,

    /// <summary>The daemon answered with an error (unknown command, invalid arguments, a refusal).</summary>
    CommandFailed,

    /// <summary>The daemon's answer was not the expected JSON.</summary>
    ProtocolError,
}
