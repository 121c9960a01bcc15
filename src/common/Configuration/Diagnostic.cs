namespace HaKube.Common.Configuration;

/// <summary>How bad a configuration finding is: warnings let the daemon start, errors stop it.</summary>
public enum Severity
{
    /// <summary>Accepted, but worth telling (an unknown keyword, a setting that means nothing here).</summary>
    Warning,

    /// <summary>The configuration cannot be used as written.</summary>
    Error,
}

/// <summary>
/// One finding about a configuration file: where (file and line, 1-based; 0 when not tied to a line), which
/// field, and what is wrong and what is allowed. Printed as "FILE:LINE: error: FIELD: MESSAGE".
/// </summary>
public sealed record Diagnostic(Severity Severity, string File, int Line, string Field, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var what = Severity == Severity.Error ? "error" : "warning";
        return Field.Length > 0 ? $"{where}: {what}: {Field}: {Message}" : $"{where}: {what}: {Message}";
    }
}
