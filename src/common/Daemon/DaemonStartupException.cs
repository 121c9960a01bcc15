namespace HaKube.Common.Daemon;

/// <summary>A start-up failure an operator can fix; the message says what, where and what to do, ready to print.</summary>
public sealed class DaemonStartupException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    public DaemonStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an operator-facing message and the underlying cause.</summary>
    public DaemonStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the other constructors).</summary>
    public DaemonStartupException()
    {
    }

    /// <summary>The pid of another process holding the resource, when known.</summary>
    public int? OtherPid { get; init; }
}
