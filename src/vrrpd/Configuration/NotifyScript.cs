namespace HaKube.Vrrpd.Configuration;

/// <summary>A notify script: an absolute program path and its arguments, run without a shell, optionally as a user.</summary>
internal sealed record NotifyScript
{
    /// <summary>Program (absolute path) and arguments.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>User to run as; null: the global script user.</summary>
    public string? User { get; init; }

    /// <summary>Group to run as; null: the user's primary group.</summary>
    public string? Group { get; init; }
}
