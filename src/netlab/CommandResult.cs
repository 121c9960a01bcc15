namespace HaKube.NetLab;

/// <summary>The outcome of a command that ran to completion.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the command exited with status 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws a <see cref="LabException"/> naming the command and its stderr unless it succeeded.</summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new LabException($"'{CommandLine}' exited with {ExitCode}: {StandardError.Trim()}{(StandardError.Length == 0 ? StandardOutput.Trim() : "")}");
        }

        return this;
    }
}
