namespace HaKube.Tcplb.Checks;

/// <summary>How an active check ended, as HAProxy 2.6 names it (check.c, <c>check_statuses</c>); the code in brackets is <c>show stat</c>'s <c>check_status</c>.</summary>
internal enum CheckStatus
{
    /// <summary>[SOCKERR] the check could not even be attempted (no port, name not resolved, socket error).</summary>
    SocketError,

    /// <summary>[L4OK] TCP connection established.</summary>
    Layer4Ok,

    /// <summary>[L4TOUT] TCP connect did not complete in time.</summary>
    Layer4Timeout,

    /// <summary>[L4CON] TCP connect failed (refused, unreachable, reset).</summary>
    Layer4Connection,

    /// <summary>[L6OK] TLS handshake completed and the certificate was accepted.</summary>
    Layer6Ok,

    /// <summary>[L6TOUT] TLS handshake did not complete in time.</summary>
    Layer6Timeout,

    /// <summary>[L6RSP] TLS handshake failed or the certificate was refused.</summary>
    Layer6Response,

    /// <summary>[L7OK] HTTP response with an expected status.</summary>
    Layer7Ok,

    /// <summary>[L7TOUT] no HTTP response in time.</summary>
    Layer7Timeout,

    /// <summary>[L7RSP] not a valid HTTP response (connection closed, garbage).</summary>
    Layer7Response,

    /// <summary>[L7STS] HTTP response with a status not in the expected set.</summary>
    Layer7Status,
}
