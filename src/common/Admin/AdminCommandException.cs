namespace HaKube.Common.Admin;

/// <summary>Thrown by a command handler for an expected failure; the message goes back to the client as the error.</summary>
public sealed class AdminCommandException : Exception
{
    /// <summary>Creates the exception with the message the client will print.</summary>
    public AdminCommandException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the client will print and its cause.</summary>
    public AdminCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the other constructors).</summary>
    public AdminCommandException()
    {
    }
}
