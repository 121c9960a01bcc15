namespace HaKube.Tcplb.Runtime;

/// <summary>A valid configuration that cannot run here (a server name that does not resolve); the message is for the operator.</summary>
internal sealed class RuntimeBuildException : Exception
{
    public RuntimeBuildException(string message)
        : base(message)
    {
    }

    public RuntimeBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuntimeBuildException()
    {
    }
}
