namespace HaKube.Installer.Lab;

/// <summary>An expected failure of a lab command; its message says what, where and what to do, and is printed as is.</summary>
internal sealed class LabCommandException : Exception
{
    public LabCommandException(string message)
        : base(message)
    {
    }

    public LabCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LabCommandException()
    {
    }
}
