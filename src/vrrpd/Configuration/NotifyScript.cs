namespace HaKube.Vrrpd.Configuration;

/// <summary>A notify script: an absolute program path and its arguments, run without a shell, optionally as a user.</summary>
/// <param name="Command">Program (absolute path) and arguments.</param>
/// <param name="User">User to run as; null: the global script user.</param>
/// <param name="Group">Group to run as; null: the user's primary group.</param>
internal sealed record NotifyScript(
    IReadOnlyList<string>? Command = null,
    string? User = null,
    string? Group = null)
{
    /// <summary>Program (absolute path) and arguments.</summary>
    public IReadOnlyList<string> Command { get; init; } = Command ?? [];
}
