namespace HaKube.NetLab;

/// <summary>A lab operation failed: a command exited non-zero, a wait ran out, or the host cannot run labs.</summary>
public sealed class LabException : Exception
{
    public LabException(string message) : base(message) { }

    public LabException(string message, Exception inner) : base(message, inner) { }

    public LabException() { }
}
