namespace HaKube.Common.Admin;

/// <summary>An admin request failed; the message is ready for an operator ("vrrpd is not running (no admin socket at …)").</summary>
public sealed class AdminClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdminClientException(AdminErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates the exception without detail (prefer the other constructor).</summary>
    public AdminClientException()
    {
    }

    /// <summary>Creates the exception as a protocol error with a message.</summary>
    public AdminClientException(string message)
        : this(AdminErrorKind.ProtocolError, message)
    {
    }

    /// <summary>Creates the exception as a protocol error with a message and cause.</summary>
    public AdminClientException(string message, Exception innerException)
        : this(AdminErrorKind.ProtocolError, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public AdminErrorKind Kind { get; }
}
