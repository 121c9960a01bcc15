namespace HaKube.Vrrpd.Daemon;

/// <summary>An instance cannot start on this host as configured; the message says which instance, what and what to do.</summary>
internal sealed class InstanceSetupException : Exception
{
    public InstanceSetupException()
    {
    }

    public InstanceSetupException(string message)
        : base(message)
    {
    }

    public InstanceSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
